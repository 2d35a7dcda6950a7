// An autocomplete box that finds nothing says who adds what was looked for,
// to those who may not add it themselves.
//
// A writer typing a source or writer the desk does not have yet read "No
// results found" and nothing else: an editor sees a "+" beside the box to add
// one, a writer sees none, and was left to guess. The server gives such a box
// the words to say (data-none-found, articles/admin.py: SaysWhoAddsRows);
// they take the place of Select2's own message, only that one ("Searching…"
// and "The results could not be loaded." stay).
;(() => {
  const RESULTS_ID = /^select2-(.+)-results$/

  function noResultsText(select) {
    try {
      const words = django.jQuery.fn.select2.amd.require(`select2/i18n/${select.lang || "en"}`)
      return words.noResults()
    } catch {
      return null // that language not loaded: Select2's message stays
    }
  }

  function explain(message) {
    const list = message.closest(".select2-results__options")
    const match = list && RESULTS_ID.exec(list.id)
    const select = match && document.getElementById(match[1])
    if (!select || !select.dataset.noneFound) {
      return
    }
    if (message.textContent.trim() === noResultsText(select)) {
      message.textContent = select.dataset.noneFound
    }
  }

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && node.matches(".select2-results__message")) {
          explain(node)
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true })
})()
