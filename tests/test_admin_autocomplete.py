"""A tampered autocomplete value comes back as "Select a valid choice", not a 500.

Django's autocomplete widget looked the sent value up again to draw the form
that refused it, and ``section=abc`` raised ``ValueError`` there (a number past
64 bits, ``OverflowError`` on SQLite): the editor got a server error and lost
the story they had typed (newsroom/admin_autocomplete.py).
"""

from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.test import RequestFactory, TestCase
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from authors.models import Author
from newsroom.admin_autocomplete import (
    LookupSafeAutocompleteSelect,
    LookupSafeAutocompleteSelectMultiple,
)
from sections.models import Section
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_author, make_section, make_source, make_user

INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
# Not an id: words, numbers no column holds, a number with a fraction, and each
# with the error the field gives it (a NUL is refused before the choice is).
TAMPERED = {
    "abc": INVALID_CHOICE,
    str(2**70): INVALID_CHOICE,
    "-" + str(2**70): INVALID_CHOICE,
    "1.5": INVALID_CHOICE,
    "1\x00": "Null characters are not allowed.",
}


class StoryFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.world = make_section(name="World", slug="world")
        cls.writer = make_author(name="Ana Souza", slug="ana-souza")
        cls.reuters = make_source(name="Reuters", slug="reuters")

    def setUp(self):
        self.client.force_login(self.editor)

    def story_form(self, url):
        data = form_fields(self.client.get(url))
        data.update({
            "headline": "Floods in the north",
            "slug": "floods-in-the-north",
            "standfirst": "Rivers burst their banks overnight.",
            "body": "<p>Rain fell for a week.</p>",
            "section": str(self.world.pk),
            "bylines-0-author": str(self.writer.pk),
            "source_credits-0-source": str(self.reuters.pk),
            "source_credits-0-role": "origin",
        })
        return data

    def assert_refused_and_kept(self, response, typed):
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        for name in ("headline", "standfirst", "body"):
            self.assertEqual(form[name].value(), typed[name])
        return form

    def test_a_section_that_is_no_id_is_refused_with_the_story_kept(self):
        url = reverse("admin:articles_article_add")
        for value, error in TAMPERED.items():
            with self.subTest(value=value):
                typed = {**self.story_form(url), "section": value}
                response = self.client.post(url, typed)
                form = self.assert_refused_and_kept(response, typed)
                self.assertEqual(form.errors, {"section": [error]})
        self.assertFalse(Article.objects.exists())

    def test_a_byline_or_source_credit_that_is_no_id_is_refused_with_the_story_kept(self):
        url = reverse("admin:articles_article_add")
        for field, inline in (("bylines-0-author", 0), ("source_credits-0-source", 1)):
            for value, error in TAMPERED.items():
                with self.subTest(field=field, value=value):
                    typed = {**self.story_form(url), field: value}
                    response = self.client.post(url, typed)
                    self.assert_refused_and_kept(response, typed)
                    rows = response.context["inline_admin_formsets"][inline].formset
                    self.assertEqual(rows.errors[0], {field.rsplit("-", 1)[1]: [error]})
        self.assertFalse(Article.objects.exists())

    def test_a_stored_story_sent_with_a_section_that_is_no_id_stays_as_it_was(self):
        story = make_article(headline="Dam bursts upstream", section=self.world)
        url = reverse("admin:articles_article_change", args=[story.pk])
        typed = {**form_fields(self.client.get(url)), "section": "abc", "headline": "Dam holds"}
        response = self.client.post(url, typed)
        self.assertEqual(response.context["adminform"].form.errors, {"section": [INVALID_CHOICE]})
        self.assertEqual(response.context["adminform"].form["headline"].value(), "Dam holds")
        story.refresh_from_db()
        self.assertEqual((story.headline, story.section), ("Dam bursts upstream", self.world))

    def test_a_real_choice_is_still_drawn_and_saved(self):
        url = reverse("admin:articles_article_add")
        # Refused for its headline: the choices are drawn as chosen.
        typed = {**self.story_form(url), "headline": "<b>Floods</b>"}
        response = self.client.post(url, typed)
        self.assertContains(response, f'<option value="{self.world.pk}" selected>World</option>')
        self.assertContains(
            response, f'<option value="{self.writer.pk}" selected>Ana Souza</option>'
        )
        response = self.client.post(url, self.story_form(url))
        self.assertEqual(response.status_code, 302)
        story = Article.objects.get()
        self.assertEqual(
            (story.section, list(story.authors.all()), list(story.sources.all())),
            (self.world, [self.writer], [self.reuters]),
        )


class OtherFormsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.chief = make_user("chief", superuser=True)

    def test_an_authors_beat_that_is_no_id_is_refused(self):
        self.client.force_login(self.editor)
        author = make_author(name="Ana Souza", slug="ana-souza")
        url = reverse("admin:authors_author_change", args=[author.pk])
        typed = {**form_fields(self.client.get(url)), "beat": "abc", "bio": "Covers Lisbon."}
        response = self.client.post(url, typed)
        self.assertEqual(response.context["adminform"].form.errors, {"beat": [INVALID_CHOICE]})
        self.assertEqual(response.context["adminform"].form["bio"].value(), "Covers Lisbon.")
        self.assertEqual(Author.objects.get().bio, "Covers world news.")

    def test_a_sections_parent_that_is_no_id_is_refused(self):
        self.client.force_login(self.chief)
        url = reverse("admin:sections_section_add")
        typed = {**form_fields(self.client.get(url)), "name": "Europe", "slug": "europe"}
        response = self.client.post(url, {**typed, "parent": str(2**70)})
        self.assertEqual(response.context["adminform"].form.errors, {"parent": [INVALID_CHOICE]})
        self.assertFalse(Section.objects.exists())

    def test_every_autocomplete_box_in_the_admin_is_drawn_safely(self):
        """A new admin's autocomplete field fails here until it has ``AutocompleteForAnyValue``."""
        request = RequestFactory().get("/admin/")
        request.user = self.chief
        checked = []
        for model_admin in admin.site._registry.values():
            for each in [model_admin, *model_admin.get_inline_instances(request)]:
                for name in each.get_autocomplete_fields(request):
                    field = each.model._meta.get_field(name)
                    widget = each.formfield_for_dbfield(field, request).widget
                    if isinstance(widget, RelatedFieldWidgetWrapper):
                        widget = widget.widget
                    checked.append(f"{each.model.__name__}.{name}")
                    with self.subTest(checked[-1]):
                        self.assertIsInstance(
                            widget,
                            (LookupSafeAutocompleteSelect, LookupSafeAutocompleteSelectMultiple),
                        )
        # The ones there are today, so the check is seen to look at them.
        self.assertLessEqual(
            {"Article.section", "Byline.author", "SourceCredit.source", "Author.beat",
             "Section.parent"},
            set(checked),
        )
