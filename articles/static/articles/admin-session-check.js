// Before an admin change form (a story, an author, a source...), or another admin
// form that holds what an editor typed (the import's copy, a bulk action's note),
// is sent, make sure the sign-in still holds.
//
// A staff sign-in ends after a working day however busy its owner is, and a
// story form sent after that reached the login page with every word dropped.
// So the first time the form is submitted, the server is asked
// (newsroom/admin_session.py). While the sign-in holds, and it is still the
// person who opened the form, the form takes the CSRF token it is given
// (signing in again in another tab changes it) and is sent as the editor sent
// it, by the same button. Signed in as someone else meanwhile, it is not sent:
// their rights and byline are not the opener's. Once it has ended, or when
// the server cannot be reached, nothing is sent: the form stays as typed and a
// message says what to do.
//
// A form opts in with data-session-check, whose value says what did not happen
// ("the copy was not sent", "nothing was archived"). Django's change form gives
// no way to mark it, so without one the change form of whatever is edited is
// found by its id ("article_form", "author_form", ...).
;(() => {
  const form =
    document.querySelector("#content-main form[method=post][data-session-check]") ||
    document.querySelector("#content-main form[method=post][id$='_form']")
  const script = document.currentScript
  if (!form || !script) {
    return
  }
  const NOT_DONE = form.dataset.sessionCheck || "the story was not sent"
  const CHECK_URL = script.dataset.checkUrl
  const LOGIN_URL = script.dataset.loginUrl
  // Who opened the form: it is sent as them or not at all.
  const OPENED_BY = script.dataset.user
  const OPENED_BY_NAME = script.dataset.username
  let checked = false
  // A double click, or Enter twice, while the server is being asked or the
  // form is on its way: one send.
  let checking = false
  let sent = false
  window.addEventListener("pageshow", () => {
    sent = false // back on this page from the browser's history: it may be sent again
  })

  // The editor's OK to leaving by the button they pressed (admin-unsaved-guard.js)
  // was for a departure that did not happen: the guard is told, and asks again.
  function notSent() {
    form.dispatchEvent(new CustomEvent("newsroom:not-sent"))
  }

  function escapeHtml(text) {
    const span = document.createElement("span")
    span.textContent = String(text)
    return span.innerHTML
  }

  // What to do once signed in again: press the button the editor pressed.
  function again(submitter) {
    const label = submitter && (submitter.value || submitter.textContent).trim()
    return label ? `press “${escapeHtml(label)}” again` : "send it again"
  }

  function say(html) {
    let note = document.getElementById("session-note")
    if (!note) {
      note = document.createElement("div")
      note.id = "session-note"
      note.className = "errornote"
      note.setAttribute("role", "alert")
      note.tabIndex = -1
      form.prepend(note)
    }
    note.innerHTML = html
    note.scrollIntoView({ block: "center" })
    note.focus()
  }

  form.addEventListener(
    "submit",
    (event) => {
      if (checked) {
        checked = false // this sending is the checked one; the next is asked again
        sent = true
        return
      }
      event.preventDefault()
      event.stopImmediatePropagation()
      if (checking || sent) {
        return
      }
      checking = true
      const submitter = event.submitter
      fetch(CHECK_URL, { credentials: "same-origin", cache: "no-store" })
        .then((response) => {
          if (response.status === 401) {
            notSent()
            say(
              `<strong>Your sign-in has ended, so ${escapeHtml(NOT_DONE)}.</strong> ` +
                "Everything you typed is still on this page. " +
                `<a href="${LOGIN_URL}" target="_blank" rel="noopener">Sign in again in a new tab</a>, ` +
                `then come back to this tab and ${again(submitter)}.`,
            )
            return
          }
          if (!response.ok) {
            throw new Error(String(response.status))
          }
          return response.json().then((answer) => {
            if (String(answer.user) !== OPENED_BY) {
              notSent()
              say(
                `<strong>You are now signed in as ${escapeHtml(answer.username)}, so ${escapeHtml(NOT_DONE)}.</strong> ` +
                  `This page was opened as ${escapeHtml(OPENED_BY_NAME)}, and everything typed is still on it. ` +
                  `<a href="${LOGIN_URL}" target="_blank" rel="noopener">Sign in again as ${escapeHtml(OPENED_BY_NAME)} in a new tab</a>, ` +
                  `then come back to this tab and ${again(submitter)}.`,
              )
              return
            }
            for (const input of form.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
              input.value = answer.csrfToken
            }
            const note = document.getElementById("session-note")
            if (note) {
              note.remove()
            }
            checked = true
            form.requestSubmit(submitter && submitter.form === form ? submitter : null)
          })
        })
        .finally(() => {
          checking = false
        })
        .catch(() => {
          notSent()
          say(
            `<strong>The newsdesk could not be reached, so ${escapeHtml(NOT_DONE)}.</strong> ` +
              `Everything you typed is still on this page: check your connection and ${again(submitter)}.`,
          )
        })
    },
    true,
  )
})()
