"""The story form's markup that keeps an editor's unsaved edits (tests/browser/test_unsaved_guard.py
drives it in a browser): the buttons that leave the form are marked, the script that asks
before they do is on the page, and Enter saves."""

from html.parser import HTMLParser

from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import TestCase
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_source, make_user

Status = Article.Status
GUARD = "articles/admin-unsaved-guard.js"


class _StoryForm(HTMLParser):
    """The story form's submit buttons in page order, and the page's scripts."""

    def __init__(self):
        super().__init__()
        self.buttons, self.scripts, self.links = [], [], []
        self._button = self._link = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "article_form":
            self._in_form = True
        elif tag == "script":
            self.scripts.append(attrs)
        elif tag == "a":
            self._link = {**attrs, "text": ""}
            self.links.append(self._link)
        elif self._in_form and tag == "button" and attrs.get("type", "submit") == "submit":
            self._button = {**attrs, "text": ""}
            self.buttons.append(self._button)
        elif self._in_form and tag == "input" and attrs.get("type") == "submit":
            self.buttons.append({**attrs, "text": attrs.get("value", "")})

    def handle_data(self, data):
        for element in (self._button, self._link):
            if element is not None:
                element["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "button":
            self._button = None
        elif tag == "a":
            self._link = None


def parse(response):
    parser = _StoryForm()
    parser.feed(response.content.decode())
    return parser


class UnsavedGuardMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])

    def setUp(self):
        self.client.force_login(self.editor)

    def story_page(self, story):
        return parse(self.client.get(reverse("admin:articles_article_change", args=[story.pk])))

    def button(self, page, text):
        found = [button for button in page.buttons if button["text"].strip() == text]
        self.assertEqual(len(found), 1, f"one “{text}” button: {page.buttons}")
        return found[0]

    def test_preview_link_buttons_are_marked_as_leaving_the_form(self):
        """Both submit the story form elsewhere without saving it: the guard must know them."""
        story = make_article(status=Status.DRAFT)
        services.create_preview_link(story, user=self.editor)
        page = self.story_page(story)
        for text in ("Create a preview link", "Withdraw all preview links"):
            with self.subTest(text):
                button = self.button(page, text)
                self.assertIn("formaction", button)
                self.assertIn("data-leaves-form", button)

    def test_buttons_that_save_are_not_marked(self):
        story = make_article(status=Status.DRAFT)
        page = self.story_page(story)
        saving = [button for button in page.buttons if "formaction" not in button]
        self.assertTrue(saving)
        for button in saving:
            with self.subTest(button["text"].strip()):
                self.assertNotIn("data-leaves-form", button)

    def test_the_guard_script_is_a_same_origin_file_on_the_story_form(self):
        """The admin's Content-Security-Policy allows scripts from the site itself."""
        for story in (make_article(status=Status.DRAFT), make_article()):
            with self.subTest(story.status):
                page = self.story_page(story)
                self.assertIn(static(GUARD), [script.get("src") for script in page.scripts])
        self.assertIsNotNone(finders.find(GUARD))
        response = self.client.get(reverse("admin:articles_article_add"))
        self.assertIn(static(GUARD), [script.get("src") for script in parse(response).scripts])

    def test_the_import_page_guards_its_pasted_copy(self):
        """Its copy and files are kept nowhere until previewed: the form opts in to the guard."""
        response = self.client.get(reverse("admin:articles_article_import"))
        self.assertIn(static(GUARD), [script.get("src") for script in parse(response).scripts])
        self.assertContains(response, "data-unsaved-guard")

    def test_enter_in_a_field_saves(self):
        """A browser submits on Enter through the form's first submit button: it must be Save,
        not "Create a preview link" or a workflow button, as without it."""
        story = make_article(status=Status.DRAFT)
        for url in (
            reverse("admin:articles_article_change", args=[story.pk]),
            reverse("admin:articles_article_add"),
        ):
            with self.subTest(url):
                first = parse(self.client.get(url)).buttons[0]
                self.assertEqual(first.get("name"), "_save")
                self.assertIn("hidden", first)
                self.assertNotIn("formaction", first)

    def test_hidden_save_button_saves_like_django_save(self):
        story = make_article(status=Status.DRAFT, headline="Talks stall in Geneva")
        url = reverse("admin:articles_article_change", args=[story.pk])
        data = {**form_fields(self.client.get(url)), "headline": "Talks resume in Geneva"}
        response = self.client.post(url, {**data, "_save": "Save"})
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        story.refresh_from_db()
        self.assertEqual(story.headline, "Talks resume in Geneva")
        self.assertEqual(story.status, Status.DRAFT)

    def test_no_hidden_save_for_someone_who_cannot_change_the_story(self):
        viewer = make_user("viewer", staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
        self.client.force_login(viewer)
        page = self.story_page(make_article(status=Status.DRAFT))
        self.assertEqual([b for b in page.buttons if b.get("name") == "_save"], [])

    def test_preview_link_says_it_shows_the_last_saved_version(self):
        page = self.story_page(make_article(status=Status.DRAFT))
        (preview,) = [link for link in page.links if "last saved" in link["text"]]
        self.assertEqual(preview.get("target"), "_blank")
        self.assertIn("last saved version", preview.get("title", ""))

    def test_moves_that_take_a_story_down_look_like_delete(self):
        """Unpublishing and archiving a public story are marked; moves that take nothing
        down are not."""
        public = self.story_page(make_article())
        self.assertIn("workflow-takedown", self.button(public, "Save and unpublish")["class"])
        self.assertIn("workflow-takedown", self.button(public, "Save and archive")["class"])
        draft = self.story_page(make_article(status=Status.DRAFT))
        self.assertNotIn("workflow-takedown", self.button(draft, "Save and publish")["class"])
        review = self.story_page(make_article(status=Status.REVIEW))
        self.assertNotIn(
            "workflow-takedown", self.button(review, "Save and send back to draft")["class"]
        )


class HistoryMarkupTests(TestCase):
    def test_by_column_is_marked_for_its_style(self):
        """admin.css keeps the "By" column readable on a phone by this class."""
        ensure_roles()
        editor = make_user("editor", staff=True, groups=[EDITORS])
        self.client.force_login(editor)
        story = make_article(headline="Talks stall in Geneva", origin=make_source())
        url = reverse("admin:articles_article_change", args=[story.pk])
        data = {**form_fields(self.client.get(url)), "headline": "Talks resume in Geneva"}
        self.client.post(url, data)
        self.assertEqual(Version.objects.get_for_object(story).count(), 1)
        history = self.client.get(reverse("admin:articles_article_history", args=[story.pk]))
        self.assertContains(history, '<td class="history-by">editor</td>', html=True)
