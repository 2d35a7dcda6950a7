"""Editorial routes seen outside the admin: previews and the corrections log."""

from django.urls import path
from django.views.decorators.http import require_safe

from articles import corrections, preview

app_name = "workflow"

urlpatterns = [
    path("preview/<int:pk>/", preview.staff_preview, name="preview"),
    path("preview/shared/<str:token>/", preview.shared_preview, name="shared_preview"),
    path("corrections/", corrections.corrections, name="corrections"),
    path("corrections/feed/", require_safe(corrections.CorrectionsFeed()), name="corrections_feed"),
    path(
        "corrections/feed/atom/",
        require_safe(corrections.CorrectionsAtomFeed()),
        name="corrections_atom",
    ),
]
