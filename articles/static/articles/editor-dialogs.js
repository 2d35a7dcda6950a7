/* global CKEDITOR */
// The link dialog offers the kinds of link a story keeps: a web address or an
// e-mail address.
//
// Its "Link Type" menu also offered "Phone", and its "Protocol" menu ftp://
// and news://, whose addresses the server refuses ("… is not a web address"),
// so the save came back to be undone; and "Link to anchor in the text", an
// address inside the page whose target the sanitiser drops (ids and names), so
// the link led nowhere. The dialog's other fields the server would drop are
// left out by the editor's settings (newsroom/settings.py).
;(() => {
  const KEPT_TYPES = new Set(["url", "email"])
  // "" is "<other>": an address typed whole, its scheme checked on saving.
  const KEPT_PROTOCOLS = new Set(["http://", "https://", ""])

  function keep(field, kept) {
    if (field) {
      field.items = field.items.filter(([, value]) => kept.has(value))
    }
  }

  function hook() {
    if (!window.CKEDITOR) {
      setTimeout(hook, 50)
      return
    }
    CKEDITOR.on("dialogDefinition", (event) => {
      if (event.data.name !== "link") {
        return
      }
      const info = event.data.definition.getContents("info")
      if (info) {
        keep(info.get("linkType"), KEPT_TYPES)
        keep(info.get("protocol"), KEPT_PROTOCOLS)
      }
    })
  }

  hook()
})()
