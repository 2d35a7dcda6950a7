// Turn the story's body editor round as its Language is typed: right to left
// for Arabic, Hebrew, Persian..., left to right otherwise.
//
// The form opens the editor in the story's saved direction (CKEditor's
// contentsLangDirection, set by ArticleAdminForm). Without this, an editor who
// set the Language of a new Arabic story to "ar" went on typing the body left
// to right until the story was saved. Which languages and scripts run right to
// left comes from the Language box's data attributes, the server's own list.
;(() => {
  function start() {
    const language = document.querySelector("input[data-right-to-left-languages]")
    const body = language && language.form && language.form.querySelector("textarea[name=body]")
    if (!body) {
      return
    }
    const rightToLeftLanguages = language.dataset.rightToLeftLanguages.split(" ")
    const rightToLeftScripts = language.dataset.rightToLeftScripts.split(" ")
    // A language tag as the model takes it (validate_language_code), or nothing.
    const tagPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

    function typedTag() {
      const [primary, ...subtags] = language.value.trim().split("-")
      const tag = [primary.toLowerCase(), ...subtags].join("-")
      return tagPattern.test(tag) ? tag : null
    }

    // The same rule as is_right_to_left (articles/templatetags/newsroom_stories.py):
    // a script subtag decides when there is one, otherwise the language does.
    function isRightToLeft(tag) {
      const [primary, ...subtags] = tag.toLowerCase().split("-")
      const script = subtags.find((part) => part.length === 4 && /^[a-z]+$/.test(part))
      return script ? rightToLeftScripts.includes(script) : rightToLeftLanguages.includes(primary)
    }

    function turn(editor) {
      const tag = typedTag()
      if (!tag) {
        // Half typed ("a", "pt-"): keep the direction until it names a language.
        return
      }
      const direction = isRightToLeft(tag) ? "rtl" : "ltr"
      // Kept in the config too: CKEditor writes its editing area again from it.
      editor.config.contentsLangDirection = direction
      editor.config.contentsLanguage = tag
      const page = editor.document && editor.document.getDocumentElement()
      if (page) {
        page.setAttribute("dir", direction)
        page.setAttribute("lang", tag)
      }
    }

    function watch(editor) {
      if (editor.name !== body.id) {
        return
      }
      const follow = () => turn(editor)
      language.addEventListener("input", follow)
      // And each time CKEditor writes its editing area afresh.
      editor.on("contentDom", follow)
    }

    window.newsroomEachEditor(watch)
  }

  // Loaded in the page's head, with the form's other scripts: the form comes later.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
