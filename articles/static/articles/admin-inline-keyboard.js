// The inlines' "Add another …" and "Remove" work from the keyboard as buttons do.
//
// Django's inline script makes them links announced as buttons (role="button"),
// but a link answers Enter only: Space scrolled the page instead. And the focus
// was lost: after "Add another Byline" it stayed on the link, below a new row
// the keyboard then had to find; after "Remove" the link was gone and the focus
// fell to the page, back at its top for the next Tab.
//
// Space now presses these links, on its release as a button is pressed. Only
// the inlines' own: CKEditor's toolbar buttons are links with role="button"
// too, and answer Space themselves. After "Add another" the new row's first field takes the focus;
// after "Remove" the group's "Add another" link does, where another row is added
// or the next Tab goes on below.
;(() => {
  const FOCUSABLE = "input, select, textarea, button, [tabindex]"

  let pressed = null

  function isSpace(event) {
    return event.key === " " && !event.altKey && !event.ctrlKey && !event.metaKey
  }

  function linkButton(target) {
    return target instanceof Element ? target.closest('.inline-group a[role="button"]') : null
  }

  document.addEventListener("keydown", (event) => {
    const link = linkButton(event.target)
    if (link && isSpace(event) && !event.defaultPrevented) {
      event.preventDefault() // not a scroll of the page
      pressed = event.repeat ? pressed : link
    }
  })
  document.addEventListener("keyup", (event) => {
    const link = linkButton(event.target)
    if (link && isSpace(event) && link === pressed) {
      event.preventDefault()
      link.click()
    }
    pressed = null
  })

  function firstField(row) {
    return [...row.querySelectorAll(FOCUSABLE)].find(
      (element) =>
        element.tabIndex >= 0 &&
        !element.disabled &&
        element.type !== "hidden" &&
        !element.matches("a.inline-deletelink") &&
        element.getClientRects().length > 0,
    )
  }

  // After the page's other listeners: Select2 makes a new row's autocomplete
  // box on the same event (django's autocomplete.js), and Django's inline
  // script shows "Add another" again only after announcing a removal.
  function afterOthers(callback) {
    setTimeout(callback, 0)
  }

  document.addEventListener("formset:added", (event) => {
    const row = event.target
    afterOthers(() => {
      const field = firstField(row)
      if (field) {
        field.focus()
      }
    })
  })

  document.addEventListener("formset:removed", (event) => {
    const group = document.getElementById(`${event.detail.formsetName}-group`)
    if (!group) {
      return
    }
    afterOthers(() => {
      const addAnother = group.querySelector(".add-row a")
      if (addAnother && addAnother.getClientRects().length > 0) {
        addAnother.focus()
        return
      }
      const heading = group.querySelector("h2")
      if (heading) {
        heading.tabIndex = -1
        heading.focus()
      }
    })
  })
})()
