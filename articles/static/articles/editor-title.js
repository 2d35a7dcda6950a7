// Name each rich text editor after its field's label ("Body", an About page's "Text").
//
// Without a title CKEditor names itself after the textarea's id: a screen reader
// announced "Rich Text Editor, id_body" for the editor, and "Editor, id_body"
// for the box the copy is typed in. Once its language is loaded, and before it
// draws itself, the editor takes the label's words instead of the id. A title
// set on the server (CKEDITOR_CONFIGS, a widget's config) still wins.
;(() => {
  function nameAfterLabel(editor) {
    editor.on("langLoaded", () => {
      const label = document.querySelector(`label[for="${CSS.escape(editor.name)}"]`)
      const name = label && label.textContent.trim().replace(/:$/, "")
      if (!name) {
        return
      }
      if (typeof editor.config.title !== "string") {
        // The box the copy is typed in, and its frame.
        editor.title = name
      }
      if (typeof editor.config.applicationTitle !== "string") {
        // The whole editor, toolbar included, in CKEditor's own words.
        editor.applicationTitle = [editor.lang.application, name].join(", ")
      }
    })
  }

  window.newsroomEachEditor(nameAfterLabel)
})()
