/* global CKEDITOR */
// Send Django's CSRF token with every image the story editor uploads.
//
// CKEditor 4 posts uploads with XMLHttpRequest and adds its own "ckCsrfToken",
// which Django does not read. The upload view is CSRF-protected, so the token
// the admin page already carries is added as "csrfmiddlewaretoken".
;(() => {
  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]")
    if (input) {
      return input.value
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return match ? decodeURIComponent(match[1]) : ""
  }

  function addToken(editor) {
    editor.on("fileUploadRequest", (event) => {
      event.data.requestData.csrfmiddlewaretoken = csrfToken()
    })
  }

  function hook() {
    if (!window.CKEDITOR) {
      setTimeout(hook, 50)
      return
    }
    for (const name in CKEDITOR.instances) {
      addToken(CKEDITOR.instances[name])
    }
    CKEDITOR.on("instanceCreated", (event) => addToken(event.editor))
  }

  hook()
})()
