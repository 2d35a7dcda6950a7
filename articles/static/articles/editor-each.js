/* global CKEDITOR */
// newsroomEachEditor(callback): call it for every CKEditor on the page, those
// made later included, once CKEditor itself has loaded (its script may come
// after ours). Shared by the scripts that adjust the story editor
// (editor-headings.js, editor-direction.js).
window.newsroomEachEditor = (callback) => {
  function hook() {
    if (!window.CKEDITOR) {
      setTimeout(hook, 50)
      return
    }
    for (const name in CKEDITOR.instances) {
      callback(CKEDITOR.instances[name])
    }
    CKEDITOR.on("instanceCreated", (event) => callback(event.editor))
  }

  hook()
}
