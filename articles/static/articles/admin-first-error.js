// A form sent back with errors: take the editor to the first one.
//
// Django says "Please correct the error below." at the top of the page, and the
// field it means may be screens further down (a story's status note is in the
// middle of a long form): on a phone nothing showed which field, or where.
// The first error's row is scrolled into the middle of the window and given
// the focus, so a screen reader reads the field and its error:
// - a field's error: the field, or the box a person uses for it (an
//   autocomplete's Select2 box, not the hidden <select> behind it; the body's
//   CKEditor, once it is ready);
// - a row's error in a table of inline rows ("Please correct the duplicate
//   values below." on a second byline of the same writer): that row's field,
//   not the first row's;
// - an error of the whole form ("A published story must pass the
//   checklist…"): the error itself, made focusable, so it is read out. Focus
//   left on the page, the next Tab went to "Skip to main content" at the top.
;(() => {
  const FIELDS =
    "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"

  function visible(element) {
    return element.offsetParent !== null && element.getBoundingClientRect().width > 1
  }

  function focusError(list) {
    list.setAttribute("tabindex", "-1")
    list.focus({ preventScroll: true })
  }

  function focusEditor(textarea, fallback) {
    const ckeditor = window.CKEDITOR
    if (!ckeditor) {
      focusError(fallback)
      return
    }
    const editor = ckeditor.instances[textarea.id]
    if (editor && editor.status === "ready") {
      editor.focus()
      return
    }
    // Made after this script runs (django-ckeditor starts it on the same
    // event): focused once it is ready. The error takes the focus meanwhile.
    focusError(fallback)
    ckeditor.on("instanceReady", (event) => {
      if (event.editor.name === textarea.id) {
        event.editor.focus()
      }
    })
  }

  // The row an error belongs to: a table's error row stands above the row it is about.
  function rowOf(list) {
    const errorRow = list.closest("tr.row-form-errors")
    if (errorRow && errorRow.nextElementSibling) {
      return errorRow.nextElementSibling
    }
    return list.closest(".form-row, .inline-related, tr")
  }

  // An autocomplete's box, once Select2 has made it (jQuery's ready handlers
  // may run after this script): up to two seconds, then the error instead.
  function focusBox(select, list, tries = 40) {
    const box = select.parentElement.querySelector(".select2-selection")
    if (box && visible(box)) {
      box.focus({ preventScroll: true })
    } else if (tries > 0) {
      window.setTimeout(() => focusBox(select, list, tries - 1), 50)
    } else {
      focusError(list)
    }
  }

  function focusFieldIn(row, list) {
    for (const field of row.querySelectorAll(FIELDS)) {
      if (field.closest(".django-ckeditor-widget")) {
        focusEditor(field, list)
        return
      }
      if (field.classList.contains("admin-autocomplete")) {
        focusBox(field, list)
        return
      }
      if (visible(field)) {
        field.focus({ preventScroll: true })
        return
      }
    }
    focusError(list)
  }

  function start() {
    const content = document.getElementById("content-main")
    if (!content || !content.querySelector(".errornote")) {
      return
    }
    let first = content.querySelector(".errorlist")
    if (!first) {
      return
    }
    if (first.classList.contains("nonform")) {
      // A group of inline rows says what is wrong above them ("Please correct
      // the duplicate data for author"); the row at fault carries its own error.
      const group = first.closest(".inline-group") || content
      first = group.querySelector(".errorlist:not(.nonform)") || first
    }
    const wholeForm = first.classList.contains("nonform") ||
      (first.classList.contains("nonfield") && !first.closest("tr, .inline-related"))
    const row = wholeForm ? null : rowOf(first)
    ;(row || first).scrollIntoView({ block: "center" })
    if (row) {
      focusFieldIn(row, first)
    } else {
      focusError(first)
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
