// Keep the headings of copy pasted into the story editor, at a level a story has.
//
// A story's subheadings are levels 2 to 4 ("Heading 2" to "Heading 4" in the
// Format menu): the page's own level 1 is the headline. CKEditor's content
// filter turns a heading it has no rule for into a plain paragraph, so the
// title (<h1>) and the smallest headings (<h5>, <h6>) of an article pasted
// from a web page or Word were flattened before the server, which moves such
// headings to the nearest level (articles/sanitiser.py), ever saw them. This
// renames them first, by the sanitiser's own table (the editor's
// pastedHeadingLevels setting, written by articles/forms.py).
;(() => {
  function keepHeadings(editor) {
    const levels = editor.config.pastedHeadingLevels || {}
    editor.filter.addTransformations(
      Object.entries(levels).map(([pasted, kept]) => [
        {
          element: pasted,
          check: kept,
          right: (element) => {
            element.name = kept
          },
        },
      ]),
    )
  }

  function watch(editor) {
    // The filter is made once the editor's settings are read.
    if (editor.filter) {
      keepHeadings(editor)
    } else {
      editor.once("loaded", () => keepHeadings(editor))
    }
  }

  window.newsroomEachEditor(watch)
})()
