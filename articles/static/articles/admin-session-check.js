// Before the story form is sent, make sure the sign-in still holds.
//
// A staff sign-in ends after a working day however busy its owner is, and a
// story form sent after that reached the login page with every word dropped.
// So the first time the form is submitted, the server is asked
// (newsroom/admin_session.py). While the sign-in holds, the form takes the
// CSRF token it is given (signing in again in another tab changes it) and is
// sent as the editor sent it, by the same button. Once it has ended, or when
// the server cannot be reached, nothing is sent: the form stays as typed and a
// message says what to do.
;(() => {
  const form = document.getElementById("article_form")
  const script = document.currentScript
  if (!form || !script) {
    return
  }
  const CHECK_URL = script.dataset.checkUrl
  const LOGIN_URL = script.dataset.loginUrl
  let checked = false

  // The editor's OK to leaving by the button they pressed (admin-unsaved-guard.js)
  // was for a departure that did not happen: the guard is told, and asks again.
  function notSent() {
    form.dispatchEvent(new CustomEvent("newsroom:not-sent"))
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
        return
      }
      event.preventDefault()
      event.stopImmediatePropagation()
      const submitter = event.submitter
      fetch(CHECK_URL, { credentials: "same-origin", cache: "no-store" })
        .then((response) => {
          if (response.status === 401) {
            notSent()
            say(
              "<strong>Your sign-in has ended, so the story was not sent.</strong> " +
                "Everything you typed is still on this page. " +
                `<a href="${LOGIN_URL}" target="_blank" rel="noopener">Sign in again in a new tab</a>, ` +
                "then come back to this tab and save again.",
            )
            return
          }
          if (!response.ok) {
            throw new Error(String(response.status))
          }
          return response.json().then((answer) => {
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
        .catch(() => {
          notSent()
          say(
            "<strong>The newsdesk could not be reached, so the story was not sent.</strong> " +
              "Everything you typed is still on this page: check your connection and save again.",
          )
        })
    },
    true,
  )
})()
