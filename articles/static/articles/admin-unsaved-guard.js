/* global CKEDITOR */
// Ask before a button or link that leaves the story form throws away unsaved edits.
//
// "Create a preview link" and "Withdraw all preview links" send the story form to
// another address (formaction) that does not save it, and History and "View on
// site" open another page in this tab: each lost what the editor had typed, with
// no word said. They are marked data-leaves-form in the template (History and
// "View on site" come from Django's object tools and are found by their class).
// Saving, the workflow buttons and "Preview" (a new tab) are left alone.
;(() => {
  const form = document.getElementById("article_form")
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

  // A click, Enter or Space on the control, or Enter in a field submitting
  // through it: each arrives as a click. Capture, so the question comes first.
  document.addEventListener(
    "click",
    (event) => {
      const control = event.target.closest && event.target.closest(LEAVES_FORM)
      if (control && hasUnsavedChanges() && !window.confirm(MESSAGE)) {
        event.preventDefault()
        event.stopPropagation()
      }
    },
    true,
  )
})()
