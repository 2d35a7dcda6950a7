// A form sent back with errors: take the editor to the first one.
//
// Django says "Please correct the error below." at the top of the page, and the
// field it means may be screens further down (a story's status note is in the
// middle of a long form): on a phone nothing showed which field, or where.
// The first error's row is scrolled into the middle of the window and its
// field given the focus, so a screen reader reads the field and its error. The
// body's editor is left alone: its box is CKEditor's, not a field to focus.
;(() => {
  function start() {
    const content = document.getElementById("content-main")
    if (!content || !content.querySelector(".errornote")) {
      return
    }
    const first = content.querySelector(".errorlist")
    if (!first) {
      return
    }
    const row = first.closest(".form-row, .inline-related, tr") || first
    row.scrollIntoView({ block: "center" })
    const field = row.querySelector(
      "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])",
    )
    if (field && !field.closest(".django-ckeditor-widget") && field.offsetParent !== null) {
      field.focus({ preventScroll: true })
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
