"""The admin's editable lists: each box names its row and column for a screen reader.

Django draws a ``list_editable`` list's boxes with no label; axe flagged each
("Form elements must have labels"), and a screen reader read the sections'
list as a column of numbers and ticks, none saying whose
(``newsroom/admin_lists.py``).
"""

from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils.text import capfirst

from articles.roles import EDITORS, ensure_roles
from tests.factories import make_section, make_user


class _ListBoxes(HTMLParser):
    """The list's editable boxes: their ``name`` and ``aria-label``, in page order."""

    def __init__(self):
        super().__init__()
        self.boxes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") != "hidden" and attrs.get("name", "").startswith(
            "form-"
        ):
            self.boxes.append((attrs["name"], attrs.get("aria-label")))


class SectionListLabelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user(staff=True, groups=[EDITORS])
        cls.world = make_section(name="World", slug="world", position=0)
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world, position=1)

    def test_each_box_names_its_row_and_column(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("admin:sections_section_changelist"))
        self.assertEqual(response.status_code, 200)
        parser = _ListBoxes()
        parser.feed(response.content.decode())
        self.assertEqual(
            parser.boxes,
            [
                ("form-0-position", "Position of World"),
                ("form-0-show_in_nav", "Shown in navigation of World"),
                ("form-1-position", "Position of World › Europe"),
                ("form-1-show_in_nav", "Shown in navigation of World › Europe"),
            ],
        )


class EveryEditableListTests(TestCase):
    def test_every_admin_with_an_editable_list_labels_its_boxes(self):
        """A list made editable later is labelled too, or this test names it."""
        request = RequestFactory().get("/")
        request.user = make_user(superuser=True)
        editable = [
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model_admin.list_editable
        ]
        self.assertTrue(editable)  # the sections' list, at least
        for model, model_admin in editable:
            row = model()
            form = model_admin.get_changelist_form(request)(instance=row)
            for name in model_admin.list_editable:
                column = capfirst(str(label_for_field(name, model, model_admin)))
                with self.subTest(model=model._meta.label, column=name):
                    box = str(form[name])
                    self.assertIn(f'aria-label="{column} of {row}"', box)
                    # Django's form points at the help text, which the list does not show.
                    self.assertNotIn("aria-describedby", box)
