"""The admin's editable lists: each box names its row and column for a screen reader,
and a save says what it did.

Django draws a ``list_editable`` list's boxes with no label; axe flagged each
("Form elements must have labels"), and a screen reader read the sections'
list as a column of numbers and ticks, none saying whose
(``newsroom/admin_lists.py``). A list saved with nothing changed came back
with no message at all: the editor could not tell whether Save had worked.
"""

from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.contrib.messages import INFO, SUCCESS, get_messages
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils.text import capfirst

from articles.roles import EDITORS, ensure_roles
from tests.articles.test_admin_workflow import form_fields
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


class SectionListSaveTests(TestCase):
    LIST_URL = reverse("admin:sections_section_changelist")

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user(staff=True, groups=[EDITORS])
        cls.world = make_section(name="World", slug="world", position=0)
        cls.sport = make_section(name="Sport", slug="sport", position=1)

    def setUp(self):
        self.client.force_login(self.editor)

    def save_list(self, **changes):
        data = form_fields(self.client.get(self.LIST_URL))
        return self.client.post(self.LIST_URL, {**data, "_save": "Save", **changes}, follow=True)

    def messages(self, response):
        return [(str(message), message.level) for message in response.context["messages"]]

    def test_a_list_saved_as_it_was_says_nothing_was_changed(self):
        """Save on an untouched list came back with no message: had it saved?"""
        response = self.save_list()
        self.assertEqual(response.redirect_chain, [(self.LIST_URL, 302)])
        self.assertEqual(self.messages(response), [("No sections were changed.", INFO)])
        self.assertContains(response, '<li class="info">No sections were changed.</li>', html=True)

    def test_a_list_with_a_change_says_only_what_was_changed(self):
        response = self.save_list(**{"form-1-position": "7"})
        self.assertEqual(
            self.messages(response), [("1 section was changed successfully.", SUCCESS)]
        )
        self.sport.refresh_from_db()
        self.assertEqual(self.sport.position, 7)

    def test_a_list_refused_says_nothing_of_a_save(self):
        response = self.save_list(**{"form-1-position": "many"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Please correct the error below.")
        self.assertEqual(list(get_messages(response.wsgi_request)), [])


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

    def test_every_editable_list_saved_as_it_was_says_so(self):
        """A list made editable later tells its editors too, or this test names it."""
        self.client.force_login(make_user(superuser=True))
        editable = [
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model_admin.list_editable
        ]
        self.assertTrue(editable)  # the sections' list, at least
        for model, _ in editable:
            with self.subTest(model=model._meta.label):
                url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                empty = {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0", "_save": "Save"}
                response = self.client.post(url, empty, follow=True)
                self.assertEqual(
                    [str(message) for message in response.context["messages"]],
                    [f"No {model._meta.verbose_name_plural} were changed."],
                )
