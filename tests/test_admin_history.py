"""An object's admin history: a save that changed nothing adds no "No fields changed." row.

Django logs every save of a change form. An editor who opened a section to
read it and pressed Save put a row in its history that said nothing; and the
stale-save check, which names the last change logged after a form was
opened, named that editor instead of the colleague whose change it was
(``newsroom/admin_history.py``).
"""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse
from reversion.admin import VersionAdmin

from newsroom.admin_history import VersionsOnlyChanges
from sections.models import Section
from tests.factories import make_section, make_user
from tests.test_admin_stale_saves import StaleSaveTestCase

# The packages whose admins are ours; Django's own (users, groups) and axes' are theirs.
OUR_PACKAGES = ("articles", "authors", "sources", "sections", "pages", "newsroom")


class UnchangedSaveTests(StaleSaveTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world = make_section(name="World", slug="world", position=0)
        cls.url = reverse("admin:sections_section_change", args=[cls.world.pk])
        cls.carl = make_user("desk_c", staff=True, superuser=True, first_name="Carl")

    def test_a_save_that_changes_nothing_adds_no_history_row(self):
        response = self.save(self.url, self.ann, self.open_form(self.url, self.ann))
        self.assertEqual(response.status_code, 302)
        self.assertIn("was changed successfully", " ".join(self.messages(response)))
        self.assertFalse(LogEntry.objects.exists())

        data = self.open_form(self.url, self.ann)
        self.assertEqual(self.save(self.url, self.ann, data, position="4").status_code, 302)
        history = self.client.get(reverse("admin:sections_section_history", args=[self.world.pk]))
        self.assertContains(history, "Changed Position.")
        self.assertNotContains(history, "No fields changed.")
        self.assertEqual(LogEntry.objects.count(), 1)

    def test_a_stale_save_names_who_changed_it_not_who_saved_it_unchanged(self):
        """Ann changed the description; Ben then opened World and pressed Save. Carl's
        older form was refused saying Ben had changed it."""
        mine = self.open_form(self.url, self.carl)
        theirs = self.open_form(self.url, self.ann)
        self.save(self.url, self.ann, theirs, description="News from abroad.")
        self.save(self.url, self.ben, self.open_form(self.url, self.ben))

        response = self.save(self.url, self.carl, mine, position="5")
        self.assertRefused(response, self.url, "section", who="Ann Desk")
        self.assertNotContains(response, "Ben Bench")
        self.assertEqual(Section.objects.get(pk=self.world.pk).description, "News from abroad.")

    def test_every_admin_of_ours_without_versions_skips_an_empty_history_row(self):
        """Those with versions skip it too, with the version (the next test)."""
        request = RequestFactory().post("/")
        request.user = self.ann
        ours = [
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if type(model_admin).__module__.split(".")[0] in OUR_PACKAGES
            and not isinstance(model_admin, VersionAdmin)
        ]
        self.assertGreaterEqual(len(ours), 6)
        for model, model_admin in ours:
            with self.subTest(model=model._meta.label):
                row = model(pk=1)
                for message in ([], ""):
                    model_admin.log_change(request, row, message)
                self.assertFalse(LogEntry.objects.exists())
                model_admin.log_change(request, row, [{"changed": {"fields": ["Name"]}}])
                self.assertEqual(LogEntry.objects.count(), 1)
                LogEntry.objects.all().delete()

    def test_every_admin_of_ours_with_versions_adds_none_for_a_save_that_changes_nothing(self):
        """Stories: what a save that changes nothing does there is in
        ``tests/articles/test_version_comments.py``."""
        versioned = [
            model_admin
            for model_admin in admin.site._registry.values()
            if type(model_admin).__module__.split(".")[0] in OUR_PACKAGES
            and isinstance(model_admin, VersionAdmin)
        ]
        self.assertGreaterEqual(len(versioned), 1)
        for model_admin in versioned:
            with self.subTest(admin=type(model_admin).__name__):
                self.assertIsInstance(model_admin, VersionsOnlyChanges)
