// Name the admin's autocomplete boxes (Select2) after their fields' labels.
//
// Select2 hides the real <select>, which the field's <label> names, and shows a
// combobox of its own named only by the current choice: a screen reader heard
// "combobox" for a blank byline row, or "×World › Europe" (the clear button
// included) for the story's section, never "Section". The search box in the
// open dropdown had no name at all.
//
// Each combobox is named by its field's label and then its choice ("Section:
// World › Europe"), without the clear button (the keyboard does not reach it;
// Backspace clears). It is an aria-label, not aria-labelledby pointing at the
// label and the choice: Chrome reads the clear button's "×" into a name taken
// from the choice's element even when it is aria-hidden. Select2 writes the
// choice afresh on each change, and the name follows. The dropdown's search box
// is named "Search" and the field's name. Boxes Select2 makes later (a byline
// row added with "Add another") are named as they appear.
;(() => {
  // Select2 4 gives the choice the id "select2-<id of the select>-container"
  // and the dropdown's list "select2-<id of the select>-results".
  const CHOICE_ID = /^select2-(.+)-container$/
  const RESULTS_ID = /^select2-(.+)-results$/

  function labelText(fieldId) {
    const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`)
    return label ? label.textContent.trim() : ""
  }

  function nameCombobox(choice) {
    const match = CHOICE_ID.exec(choice.id)
    const combobox = choice.closest(".select2-selection")
    const label = match && labelText(match[1])
    if (!label || !combobox) {
      return
    }
    const chosen = [...choice.childNodes]
      .filter((node) => !(node instanceof Element && node.matches(".select2-selection__clear")))
      .map((node) => node.textContent)
      .join("")
      .trim()
    const name = chosen ? `${label} ${chosen}` : label
    if (combobox.getAttribute("aria-label") !== name) {
      combobox.setAttribute("aria-label", name)
    }
    // Select2's own, the choice alone, would win over the aria-label.
    combobox.removeAttribute("aria-labelledby")
    // Select2 makes the choice a read-only text box inside the combobox, named
    // by nothing once it is empty; the choice is its value, the label its name.
    if (choice.getAttribute("aria-label") !== label) {
      choice.setAttribute("aria-label", label)
    }
  }

  function nameAll() {
    for (const choice of document.querySelectorAll(".select2-selection__rendered[id]")) {
      nameCombobox(choice)
    }
  }

  // Named as it takes the focus, before a screen reader reads it: Select2 sets
  // its aria-controls, the id of the dropdown's list, just before focusing it.
  function nameSearchBox(event) {
    const search = event.target
    if (!(search instanceof HTMLInputElement) || !search.matches(".select2-search__field")) {
      return
    }
    const match = RESULTS_ID.exec(search.getAttribute("aria-controls") || "")
    const label = match && labelText(match[1])
    if (label) {
      search.setAttribute("aria-label", `Search ${label.replace(/:$/, "")}`)
    }
  }

  document.addEventListener("focusin", nameSearchBox, true)
  new MutationObserver(nameAll).observe(document.documentElement, {
    childList: true,
    subtree: true,
  })
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameAll)
  } else {
    nameAll()
  }
})()
