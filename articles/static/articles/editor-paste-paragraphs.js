// Copy pasted into the story editor keeps its paragraphs when they were made
// with blank lines rather than with paragraph tags.
//
// Wire copy copied from a page that shows it as plain text (a <pre> block)
// arrived as one long paragraph: the editor has no preformatted text, so its
// content filter made the block a paragraph and its blank lines spaces. And
// copy whose paragraphs are line breaks ("…resumed.<br><br>The talks…", from
// mail and some web pages) stayed one paragraph with blank lines inside, for
// readers and for the standfirst, the word count and the story's checks. Here,
// before the filter: a <pre> block becomes a paragraph for each run of text
// between blank lines (a single line break in it is the wire's wrapping, a
// space); and two or more line breaks in a row end a paragraph, where the
// text around them is in a paragraph, a <div>, or no block at all.
;(() => {
  const BLOCKS =
    "address, article, blockquote, dl, div, figure, h1, h2, h3, h4, h5, h6, hr, ol, p, pre, " +
    "section, table, ul"

  function paragraph(nodes) {
    const element = document.createElement("p")
    element.append(...nodes)
    return element
  }

  function fromPreformatted(pre) {
    return pre.textContent
      .split(/\n[ \t\r\u00a0]*\n/)
      .map((text) => text.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .map((text) => paragraph([text]))
  }

  function isBlank(node) {
    return node.nodeType === Node.TEXT_NODE && !node.textContent.trim()
  }

  function isBreak(node) {
    return node.nodeType === Node.ELEMENT_NODE && node.tagName === "BR"
  }

  // The children of ``container`` cut at each run of two or more <br>, or null
  // when there is no such run.
  function cutAtBreakRuns(container) {
    const children = [...container.childNodes]
    const groups = [[]]
    let cut = false
    for (let index = 0; index < children.length; index++) {
      const node = children[index]
      if (isBreak(node)) {
        let end = index + 1
        let breaks = 1
        while (end < children.length && (isBreak(children[end]) || isBlank(children[end]))) {
          breaks += isBreak(children[end]) ? 1 : 0
          end++
        }
        if (breaks >= 2) {
          groups.push([])
          cut = true
          index = end - 1
          continue
        }
      }
      groups[groups.length - 1].push(node)
    }
    if (!cut) {
      return null
    }
    return groups.filter((nodes) => nodes.some((node) => !isBlank(node)))
  }

  function splitBreakRuns(container) {
    if ([...container.children].some((child) => child.matches(BLOCKS))) {
      return // paragraphs of its own: left as they are
    }
    const groups = cutAtBreakRuns(container)
    if (groups) {
      container.replaceChildren(...groups.map(paragraph))
      if (container.matches("p")) {
        container.replaceWith(...container.childNodes) // no paragraph in a paragraph
      }
    }
  }

  function reparagraph(html) {
    const template = document.createElement("template")
    template.innerHTML = html
    const root = template.content
    for (const pre of root.querySelectorAll("pre")) {
      pre.replaceWith(...fromPreformatted(pre))
    }
    for (const container of root.querySelectorAll("p, div")) {
      splitBreakRuns(container)
    }
    const wrapper = document.createElement("div")
    wrapper.append(root)
    splitBreakRuns(wrapper)
    return wrapper.innerHTML
  }

  // Only copy with such paragraphs is read afresh; Word's own (its lists are
  // marked in comments a fresh reading would change) is left to its filter.
  const CANDIDATE = /<pre\b|<br\b[^>]*>(\s|&nbsp;)*<br\b/i
  const WORD = /mso-|urn:schemas-microsoft-com/i

  function watch(editor) {
    editor.on(
      "paste",
      (event) => {
        const html = event.data.dataValue
        if (event.data.type === "html" && CANDIDATE.test(html || "") && !WORD.test(html)) {
          event.data.dataValue = reparagraph(html)
        }
      },
      null,
      null,
      // Once the clipboard has read the copy, before its own filter (at 6), which
      // makes a <pre> a paragraph.
      5,
    )
  }

  window.newsroomEachEditor(watch)
})()
