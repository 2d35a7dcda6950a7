"""Editorial routes seen outside the admin: previews and corrections."""

app_name = "workflow"

urlpatterns = []
