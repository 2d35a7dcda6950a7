from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "About pages"

    def ready(self):
        from django.contrib.flatpages.models import FlatPage
        from django.db.models.signals import pre_save

        from pages.models import AboutPage, clean_page

        for model in (FlatPage, AboutPage):
            pre_save.connect(
                clean_page, sender=model, dispatch_uid=f"pages-clean-{model._meta.model_name}"
            )
