"""Feed routes, mounted at /feeds/."""

app_name = "feeds"

urlpatterns = []
