/* global CKEDITOR */
// Send Django's CSRF token with every image the story editor uploads.
//
// CKEditor 4 posts uploads with XMLHttpRequest and adds its own "ckCsrfToken",
// which Django does not read. The upload view is CSRF-protected, so Django's
// token is added as "csrfmiddlewaretoken", read at each upload.
//
// The csrftoken cookie comes first: signing in again (in another tab, after
// the sign-in ended) gives the browser a new one, and the token the page was
// served with no longer matches it ("403: Forbidden"). The cookie can be read
// while CSRF_COOKIE_HTTPONLY is off (tests/articles/test_uploads.py holds the
// settings this needs); were it turned on, the page's token would be sent, and
// after signing in again the page would need reloading before an upload.
;(() => {
  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    if (match) {
      return decodeURIComponent(match[1])
    }
    const input = document.querySelector("input[name=csrfmiddlewaretoken]")
    return input ? input.value : ""
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
