// A row added with "Add another" is described by its own help text.
//
// Django writes each field's aria-describedby to its help text's id, and its
// inline script copies the blank template row (the "__prefix__" row) to make
// a new one, renumbering ids, names and labels but not aria-describedby: a new
// correction's Note was described by the template's hidden help text, so a
// screen reader read nothing, or the wrong row's after a "Remove" renumbered
// the rows. Here every added row's references follow its number, on adding
// and after a removal.
;(() => {
  function escaped(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  function renumber(row, prefix) {
    const number = row.id.slice(prefix.length + 1)
    if (!/^\d+$/.test(number)) {
      return // the template row itself
    }
    const reference = new RegExp(`${escaped(prefix)}-(\\d+|__prefix__)`, "g")
    for (const element of row.querySelectorAll("[aria-describedby]")) {
      const before = element.getAttribute("aria-describedby")
      const after = before.replace(reference, `${prefix}-${number}`)
      if (after !== before) {
        element.setAttribute("aria-describedby", after)
      }
    }
  }

  document.addEventListener("formset:added", (event) => {
    renumber(event.target, event.detail.formsetName)
  })

  // Django renumbers the rows after the one removed, ids first; this runs after.
  document.addEventListener("formset:removed", (event) => {
    const prefix = event.detail.formsetName
    setTimeout(() => {
      const group = document.getElementById(`${prefix}-group`)
      for (const row of group ? group.querySelectorAll(`[id^="${prefix}-"]`) : []) {
        if (row.classList.contains("inline-related") || row.classList.contains("form-row")) {
          renumber(row, prefix)
        }
      }
    }, 0)
  })
})()
