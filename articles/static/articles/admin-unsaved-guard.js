/* global CKEDITOR */
// Ask before anything that takes the editor off the story form throws away unsaved edits.
//
// "Create a preview link" and "Withdraw all preview links" send the story form to
// another address (formaction) that does not save it, and History and "View on
// site" open another page in this tab: each lost what the editor had typed, with
// no word said. They are marked data-leaves-form in the template (History and
// "View on site" come from Django's object tools and are found by their class),
// and ask with our own words (window.confirm) when they are clicked.
//
// Every other way off the page (breadcrumbs, the header's links and Log out,
// Delete, the browser's Back, reloading or closing the tab) gets the
// browser's own "Leave site?" question, from beforeunload. It is not asked when
// the story form itself is submitted (Save and its variants, the workflow buttons,
// Enter in a field, or a data-leaves-form button the editor has said OK to), nor
// after OK on a data-leaves-form link. "Preview" (a new tab) and "Add another"
// (a popup) do not leave the page, so nothing asks. A form sent back with errors
// holds edits the server refused, so it counts as unsaved from the start.
//
// Another form opts in with data-unsaved-guard: the import page's, whose pasted
// copy and chosen files are kept nowhere until they are previewed. It has no
// data-leaves-form controls, so only the browser's own question is asked there.
;(() => {
  const form =
    document.querySelector("form[data-unsaved-guard]") || document.getElementById("article_form")
  if (!form) {
    return
  }
  const LEAVES_FORM =
    "[data-leaves-form], .object-tools a.historylink, .object-tools a.viewsitelink"
  const MESSAGE =
    "You have unsaved changes to this story, and they will be lost if you continue.\n\n" +
    "Press Cancel to stay on the story and save first, or OK to continue without saving."

  function editors() {
    return window.CKEDITOR ? Object.values(CKEDITOR.instances) : []
  }

  // What the server would receive from a field. Fields without a name are not
  // sent (Select2's search box, for one); hidden inputs are written by scripts,
  // not typed; a field under CKEditor is asked through its editor instead.
  function counts(field) {
    return (
      field.name &&
      !field.disabled &&
      !["hidden", "submit", "button", "reset", "image"].includes(field.type) &&
      !["BUTTON", "FIELDSET", "OUTPUT", "OBJECT"].includes(field.tagName) &&
      !field.closest(".empty-form")
    )
  }

  function state(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return String(field.checked)
    }
    if (field.tagName === "SELECT") {
      return [...field.selectedOptions].map((option) => option.value).join("\n")
    }
    return field.value
  }

  // A field added after the page loaded (a new byline row) starts from the
  // markup it was made from.
  function defaultState(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return String(field.defaultChecked)
    }
    if (field.tagName === "SELECT") {
      const chosen = [...field.options].filter((option) => option.defaultSelected)
      if (!chosen.length && !field.multiple && field.options.length) {
        chosen.push(field.options[0])
      }
      return chosen.map((option) => option.value).join("\n")
    }
    return field.defaultValue
  }

  const loaded = new Map()
  for (const field of form.elements) {
    if (counts(field)) {
      loaded.set(field, state(field))
    }
  }

  function hasUnsavedChanges() {
    // The form came back with errors: what it shows was refused, not saved.
    if (form.querySelector(".errornote")) {
      return true
    }
    const underEditors = new Set()
    for (const editor of editors()) {
      if (editor.checkDirty()) {
        return true
      }
      underEditors.add(editor.element && editor.element.$)
    }
    for (const field of form.elements) {
      if (!counts(field) || underEditors.has(field)) {
        continue
      }
      const before = loaded.has(field) ? loaded.get(field) : defaultState(field)
      if (state(field) !== before) {
        return true
      }
    }
    return false
  }

  // Set when the page is about to go with the editor's consent: the story form is
  // being submitted, or the editor said OK to leaving. The beforeunload that
  // follows uses it up, so one consent never covers a later way out.
  let leavingAgreed = false

  // A Ctrl-, Cmd- or Shift-click on a link opens it in another tab or window:
  // the form stays, and an OK to it must not let a later way out go unasked.
  function opensElsewhere(event, control) {
    return (
      control.tagName === "A" &&
      (event.ctrlKey || event.metaKey || event.shiftKey || !["", "_self"].includes(control.target))
    )
  }

  // A click, Enter or Space on the control, or Enter in a field submitting
  // through it: each arrives as a click. Capture, so the question comes first.
  document.addEventListener(
    "click",
    (event) => {
      const control = event.target.closest && event.target.closest(LEAVES_FORM)
      if (!control || opensElsewhere(event, control) || !hasUnsavedChanges()) {
        return
      }
      if (window.confirm(MESSAGE)) {
        leavingAgreed = true
      } else {
        event.preventDefault()
        event.stopPropagation()
      }
    },
    true,
  )

  // Bubbling to the document, this runs after the form's own submit listeners,
  // so a submission one of them stopped still counts as staying. Only the guarded
  // form: Log out is a form of its own, and leaving by it should ask.
  document.addEventListener("submit", (event) => {
    if (event.target === form && !event.defaultPrevented) {
      leavingAgreed = true
    }
  })

  window.addEventListener("beforeunload", (event) => {
    if (leavingAgreed) {
      leavingAgreed = false
      return
    }
    if (hasUnsavedChanges()) {
      event.preventDefault()
      // Browsers before the preventDefault() form (Chrome 119, Safari 17) need a
      // returnValue; none of them shows its text any more.
      event.returnValue = MESSAGE
    }
  })

  // The form was not sent after all (admin-session-check.js found the sign-in
  // ended): an OK given for that departure must not cover a later one.
  form.addEventListener("newsroom:not-sent", () => {
    leavingAgreed = false
  })

  // Back to this page from the browser's cache after leaving it: whatever consent
  // was given then was for that departure.
  window.addEventListener("pageshow", () => {
    leavingAgreed = false
  })
})()
