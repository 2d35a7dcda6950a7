"""An editor who only fixes the headline has not changed the body.

CKEditor re-serialises the body it loads: new lines and tabs between tags, <b>
as <strong>, attributes in alphabetical order, "<br />". Compared as strings,
every save looked like a body edit ("Changed Headline and Body." in the
history) and stored a body that differed from the last version in spacing only.
"""

from types import SimpleNamespace

from django.contrib.sites.models import Site
from django.test import SimpleTestCase, TestCase, tag
from django.urls import reverse
from reversion.models import Version

from articles.forms import ArticleAdminForm, StoryBodyField
from articles.models import Article
from articles.revisions import compare_versions, readable_text
from articles.roles import EDITORS, ensure_roles
from articles.sanitiser import clean_body, comparable_body
from tests.articles.test_admin_workflow import form_fields
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_source, make_user

# A body as the database holds it: the sanitiser's output, one line.
STORED = clean_body(
    "<p>Leaders met in <strong>Brussels</strong> on Friday.&nbsp;More follows, “said” "
    "<b>one</b> &amp; <i>two</i>.<br>Second line.</p><h2>Talks</h2><ul><li>Gas storage</li>"
    '<li>Price cap</li></ul><figure><img src="/media/uploads/chart.jpg" '
    'alt="A chart of gas prices" width="800" height="450"><figcaption>Gas prices.</figcaption>'
    "</figure><blockquote><p>We have a deal.</p></blockquote><table><thead><tr>"
    '<th scope="col">Country</th><th>Votes</th></tr></thead><tbody><tr><td>A</td>'
    '<td>46.8%</td></tr></tbody></table><p>Read <a href="https://cpa.example/story" '
    'rel="noopener noreferrer">the report</a>.</p><hr><h3>More</h3><ol><li>One</li></ol>'
)
# What CKEditor 4, configured as the story form configures it, gives back for
# STORED untouched (editor.getData() after editor.setData(STORED); the browser
# test below checks that it still does).
CKEDITOR_POSTED = (
    "<p>Leaders met in <strong>Brussels</strong> on Friday.&nbsp;More follows, “said” "
    "<strong>one</strong> &amp; <em>two</em>.<br />\nSecond line.</p>\n\n<h2>Talks</h2>\n\n"
    "<ul>\n\t<li>Gas storage</li>\n\t<li>Price cap</li>\n</ul>\n\n"
    '<figure><img alt="A chart of gas prices" height="450" src="/media/uploads/chart.jpg" '
    'width="800" />\n<figcaption>Gas prices.</figcaption>\n</figure>\n\n'
    "<blockquote>\n<p>We have a deal.</p>\n</blockquote>\n\n<table>\n\t<thead>\n\t\t<tr>\n"
    '\t\t\t<th scope="col">Country</th>\n\t\t\t<th>Votes</th>\n\t\t</tr>\n\t</thead>\n'
    "\t<tbody>\n\t\t<tr>\n\t\t\t<td>A</td>\n\t\t\t<td>46.8%</td>\n\t\t</tr>\n\t</tbody>\n"
    '</table>\n\n<p>Read <a href="https://cpa.example/story" rel="noopener noreferrer">the '
    "report</a>.</p>\n\n<hr />\n<h3>More</h3>\n\n<ol>\n\t<li>One</li>\n</ol>\n"
)


class ComparableBodyTests(SimpleTestCase):
    def test_the_stored_body_and_ckeditors_copy_of_it_compare_equal(self):
        self.assertNotEqual(STORED, CKEDITOR_POSTED)
        self.assertEqual(comparable_body(STORED), comparable_body(CKEDITOR_POSTED))

    def test_spellings_of_the_same_character_compare_equal(self):
        for stored, posted in [
            ("<p>Price&nbsp;cap</p>", "<p>Price\u00a0cap</p>"),
            ("<p>Price\u00a0cap</p>", "<p>Price&#160;cap</p>"),
            ("<p>It’s “done”</p>", "<p>It&rsquo;s &ldquo;done&rdquo;</p>"),
            ("<p>A &amp; B</p>", "<p>A &#38; B</p>"),
        ]:
            with self.subTest(posted):
                self.assertEqual(comparable_body(stored), comparable_body(posted))

    def test_white_space_a_browser_collapses_compares_equal(self):
        for posted in [
            "<p>a b</p>\n\n<p>c</p>\n",
            "<p>\n\ta  b </p><p> c</p>",
            "  <p>a\nb</p>\r\n<p>c</p>",
        ]:
            with self.subTest(posted):
                self.assertEqual(comparable_body("<p>a b</p><p>c</p>"), comparable_body(posted))

    def test_differences_a_reader_sees_do_not(self):
        base = '<p>a <em>b</em> <a href="https://x.example/">c</a></p>'
        for changed in [
            '<p>a <em>b</em> <a href="https://x.example/">d</a></p>',  # a word
            '<p>a<em>b</em> <a href="https://x.example/">c</a></p>',  # a space between words
            '<p>a <em>b</em> <a href="https://y.example/">c</a></p>',  # where a link goes
            '<p>a b <a href="https://x.example/">c</a></p>',  # emphasis
            '<h2>a <em>b</em> <a href="https://x.example/">c</a></h2>',  # paragraph to heading
            '<p>a <em>b</em></p><p><a href="https://x.example/">c</a></p>',  # split in two
            '<p>a&nbsp;<em>b</em> <a href="https://x.example/">c</a></p>',  # no-break space
        ]:
            with self.subTest(changed):
                self.assertNotEqual(comparable_body(base), comparable_body(changed))

    def test_alt_text_is_part_of_the_body(self):
        self.assertNotEqual(
            comparable_body('<img src="/a.jpg" alt="Crowds in Lagos">'),
            comparable_body('<img src="/a.jpg" alt="Crowds in Abuja">'),
        )

    def test_what_the_sanitiser_drops_does_not_count(self):
        self.assertEqual(
            comparable_body('<p class="x" style="color:red">Hi</p><script>x()</script>'),
            comparable_body("<p>Hi</p>"),
        )


class StoryBodyFieldTests(SimpleTestCase):
    def test_ckeditors_copy_is_not_a_change(self):
        self.assertFalse(StoryBodyField().has_changed(STORED, CKEDITOR_POSTED))

    def test_an_edited_word_is(self):
        edited = CKEDITOR_POSTED.replace("Friday", "Saturday")
        self.assertTrue(StoryBodyField().has_changed(STORED, edited))

    def test_an_empty_body_and_a_new_one(self):
        field = StoryBodyField(required=False)
        self.assertFalse(field.has_changed("", "\n"))
        self.assertFalse(field.has_changed(None, ""))
        self.assertTrue(field.has_changed("", "<p>First words.</p>"))

    def test_a_disabled_body_never_changes(self):
        self.assertFalse(StoryBodyField(disabled=True).has_changed(STORED, "<p>Other</p>"))

    def test_the_story_form_uses_it(self):
        self.assertIsInstance(ArticleAdminForm().fields["body"], StoryBodyField)


class StoryFormTests(TestCase):
    def form(self, story, **changes):
        data = {**ArticleAdminForm(instance=story).initial, **changes}
        data = {key: value for key, value in data.items() if value is not None}
        return ArticleAdminForm(data=data, instance=story)

    def test_a_headline_fix_changes_the_headline_only_and_keeps_the_stored_body(self):
        story = make_article(status=Article.Status.DRAFT, body=STORED)
        form = self.form(story, headline="Talks resume in Brussels", body=CKEDITOR_POSTED)
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.changed_data, ["headline"])
        form.save()
        story.refresh_from_db()
        self.assertEqual(story.headline, "Talks resume in Brussels")
        self.assertEqual(story.body, STORED)  # byte for byte, not CKEditor's spelling

    def test_a_body_edit_is_a_change_and_is_saved(self):
        story = make_article(status=Article.Status.DRAFT, body=STORED)
        form = self.form(story, body=CKEDITOR_POSTED.replace("Friday", "Saturday"))
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.changed_data, ["body"])
        form.save()
        story.refresh_from_db()
        self.assertIn("on Saturday.", story.body)


class HistoryTests(TestCase):
    """What the story's history says after an admin save (django-reversion's comment)."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("history-editor", staff=True, groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)
        self.story = make_article(body=STORED, origin=make_source())
        self.url = reverse("admin:articles_article_change", args=[self.story.pk])

    def save(self, **changes):
        data = form_fields(self.client.get(self.url))
        self.assertEqual(data["body"], STORED)  # the form starts from the stored body
        response = self.client.post(self.url, {**data, **changes})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return Version.objects.get_for_object(self.story).latest("pk").revision.get_comment()

    def test_a_headline_fix_is_recorded_as_a_headline_change(self):
        comment = self.save(headline="Talks resume in Brussels", body=CKEDITOR_POSTED)
        self.assertEqual(comment, "Changed Headline.")
        self.story.refresh_from_db()
        self.assertEqual(self.story.body, STORED)

    def test_a_body_edit_is_still_recorded(self):
        comment = self.save(body=CKEDITOR_POSTED.replace("Price cap", "Price ceiling"))
        self.assertEqual(comment, "Changed Body.")


def version(**fields):
    """A stand-in for a reversion ``Version``: its fields, and no revision holding credits."""
    return SimpleNamespace(
        object_id="1", revision_id=None, field_dict={"section_id": None, **fields}
    )


class CompareVersionsTests(TestCase):
    def test_a_body_saved_in_ckeditors_spelling_is_not_a_difference(self):
        rows = compare_versions(
            version(headline="Talks stall", body=STORED),
            version(headline="Talks resume", body=clean_body(CKEDITOR_POSTED)),
        )
        self.assertEqual([label for label, _ in rows], ["Headline"])

    def test_a_body_edit_shows_only_the_words_that_changed(self):
        rows = dict(
            compare_versions(
                version(body=STORED),
                version(body=clean_body(CKEDITOR_POSTED.replace("Price cap", "Price ceiling"))),
            )
        )
        self.assertEqual(rows["Body"].count("<del>"), 1, rows["Body"])
        self.assertIn("<del>cap</del><ins>ceiling</ins>", rows["Body"])
        self.assertEqual(rows["Body"].count("<ins>"), 1, rows["Body"])

    def test_readable_text_is_one_single_spaced_line_per_block_and_cell(self):
        self.assertEqual(
            readable_text("<ul>\n\t<li>Gas  storage</li>\n\t<li>Price cap</li>\n</ul>", "body"),
            "Gas storage\nPrice cap",
        )
        self.assertEqual(
            readable_text(
                "<table><tbody><tr><th>Party</th><td>12.4%</td></tr></tbody></table>", "body"
            ),
            "Party\n12.4%",
        )


@tag("browser")
class HeadlineOnlyEditInTheBrowserTests(BrowserTestCase):
    """The real editor loads the body, the editor fixes the headline, the history agrees."""

    def setUp(self):
        ensure_roles()
        make_user("browser-editor", staff=True, groups=[EDITORS])
        self.story = make_article(
            status=Article.Status.DRAFT, body=STORED, headline="Talks stall", origin=make_source()
        )

    def test_saving_a_headline_fix_leaves_the_body_alone(self):
        page = self.new_page()
        self.sign_in(page, "browser-editor", "correct horse battery staple")
        page.goto(
            self.live_server_url + reverse("admin:articles_article_change", args=[self.story.pk])
        )
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        # The fixture above is what this editor really sends.
        self.assertEqual(
            page.evaluate("() => CKEDITOR.instances.id_body.getData()"), CKEDITOR_POSTED
        )

        page.fill("#id_headline", "Talks resume")
        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist")
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume")
        self.assertEqual(self.story.body, STORED)
        comment = Version.objects.get_for_object(self.story).latest("pk").revision.get_comment()
        self.assertEqual(comment, "Changed Headline.")
