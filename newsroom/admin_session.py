"""Whether the admin's sign-in still holds, asked by an admin form before it is sent.

A staff sign-in ends after ``SESSION_COOKIE_AGE`` however busy its owner is.
A story form sent after that reached the login page, and the admin's redirect
there dropped every word of it; so did the import's pasted copy and a bulk
action's note. Each such form asks here first
(``articles/static/articles/admin-session-check.js``): while the sign-in holds,
the answer carries a CSRF token for the form (signing in again in another tab
changes it) and who is signed in, which the form compares with who opened it;
once it has ended, the form stays on the page, unsent, and says so.

It answers 401 rather than redirecting to the login page as admin views do: a
script is asking, and the page must not move.
"""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def session_check(request):
    user = request.user
    if not (user.is_active and user.is_staff):
        return JsonResponse({"signedIn": False}, status=401)
    # Who: a form opened by one person must not be sent as another's, who
    # signed in in the meantime (their rights, and the byline, are not the same).
    return JsonResponse(
        {
            "signedIn": True,
            "user": user.pk,
            "username": user.get_username(),
            "csrfToken": get_token(request),
        }
    )
