"""A writer's new story opens with their own byline, and keeps it if they leave it.

Django saves an extra inline row only when it differs from what the row started
with: a byline filled in for the writer, and posted back untouched, would be
silently dropped. These tests post the add page as a browser sends it.
"""

from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields
from tests.factories import make_article, make_author, make_user

ADD_URL = reverse("admin:articles_article_add")


class OwnBylineTests(AdminWorkflowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = make_author(name="Colin Colleague")

    def open_add_page(self, user):
        self.client.force_login(user)
        response = self.client.get(ADD_URL)
        self.assertEqual(response.status_code, 200)
        return form_fields(response)

    def add(self, data, headline="Floods in the north", **changes):
        """Post the add page's fields with a headline, a section and a body typed in."""
        data = {
            **data,
            "headline": headline,
            "section": str(self.section.pk),
            "body": "<p>Rain.</p>",
            **changes,
        }
        response = self.client.post(ADD_URL, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        return Article.objects.get(headline=headline)

    def byline(self, story):
        return list(story.bylines.values_list("author__name", flat=True))

    def test_the_add_page_opens_with_the_writers_own_author_in_the_first_row(self):
        data = self.open_add_page(self.writer)
        self.assertEqual(data["bylines-0-author"], str(self.writer_author.pk))
        # One row, as before: the writer's, with no empty one under it.
        self.assertEqual(data["bylines-TOTAL_FORMS"], "1")
        self.assertEqual(data["bylines-INITIAL_FORMS"], "0")

    def test_the_byline_left_as_it_is_is_saved(self):
        story = self.add(self.open_add_page(self.writer))
        self.assertEqual(self.byline(story), ["Wendy Writer"])

    def test_a_byline_cleared_or_removed_saves_none_and_the_checklist_asks_for_one(self):
        """The select emptied, the row's delete box ticked, or the row taken off the page
        (its delete link, which also lowers the row count)."""
        ways = {
            "cleared": {"bylines-0-author": ""},
            "deleted": {"bylines-0-DELETE": "on"},
            "removed": {"bylines-TOTAL_FORMS": "0"},
        }
        for way, changes in ways.items():
            with self.subTest(way):
                data = self.open_add_page(self.writer)
                if way == "removed":
                    del data["bylines-0-author"], data["bylines-0-position"]
                story = self.add(data, headline=f"Floods, byline {way}", **changes)
                self.assertEqual(self.byline(story), [])
                page = self.client.get(self.change_url(story))
                self.assertContains(page, "Add at least one byline.")

    def test_the_byline_can_be_changed_to_someone_else(self):
        data = self.open_add_page(self.writer)
        story = self.add(data, **{"bylines-0-author": str(self.colleague.pk)})
        self.assertEqual(self.byline(story), ["Colin Colleague"])

    def test_a_second_byline_can_be_added_after_the_writers_own(self):
        data = self.open_add_page(self.writer)
        story = self.add(
            data,
            **{
                "bylines-TOTAL_FORMS": "2",
                "bylines-1-author": str(self.colleague.pk),
                "bylines-1-position": "1",
            },
        )
        self.assertEqual(self.byline(story), ["Wendy Writer", "Colin Colleague"])

    def test_an_editor_without_an_author_profile_gets_an_empty_row(self):
        data = self.open_add_page(self.editor)
        self.assertEqual(data["bylines-0-author"], "")
        self.assertEqual(data["bylines-TOTAL_FORMS"], "1")
        story = self.add(data)
        self.assertEqual(self.byline(story), [])

    def test_an_editor_with_an_author_profile_gets_their_own_too(self):
        editor = make_user(staff=True, groups=[EDITORS])
        make_author(name="Erin Editor", user=editor)
        story = self.add(self.open_add_page(editor))
        self.assertEqual(self.byline(story), ["Erin Editor"])

    def test_the_change_page_of_a_story_shows_its_own_bylines_only(self):
        """The writer started the story and a colleague is its byline: no row of theirs added."""
        story = make_article(
            status=Article.Status.DRAFT, authors=[self.colleague], created_by=self.writer
        )
        data = self.open_form(story, self.writer)
        self.assertEqual(data["bylines-TOTAL_FORMS"], "2")
        self.assertEqual(data["bylines-0-author"], str(self.colleague.pk))
        self.assertEqual(data["bylines-1-author"], "")
        self.save(story, self.writer, data, headline="Floods, updated")
        self.assertEqual(self.byline(story), ["Colin Colleague"])


class WriterKeepsTheirByline(AdminWorkflowTestCase):
    """A writer on the byline of a story someone else started cannot take their name off it.

    Their byline is what lets them open the story: the save went through, said
    "You may edit it again below", and the next page told them they had no
    such story, "it may have been deleted".
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = make_author(name="Colin Colleague")

    def commissioned(self):
        """A draft an editor started, with the writer on its byline."""
        return make_article(
            status=Article.Status.DRAFT,
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            created_by=self.editor,
        )

    def byline(self, story):
        return list(story.bylines.values_list("author__name", flat=True))

    def test_the_writer_cannot_take_their_name_off(self):
        ways = {
            "deleted": {"bylines-0-DELETE": "on", "bylines-1-author": "colleague"},
            "replaced": {"bylines-0-author": "colleague"},
        }
        for way, changes in ways.items():
            with self.subTest(way):
                story = self.commissioned()
                data = self.open_form(story, self.writer)
                changes = {
                    key: str(self.colleague.pk) if value == "colleague" else value
                    for key, value in changes.items()
                }
                response = self.save(
                    story, self.writer, data, headline="Floods, handed on", **changes
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Keep your own name on the byline")
                story.refresh_from_db()
                self.assertNotEqual(story.headline, "Floods, handed on")
                self.assertEqual(self.byline(story), ["Wendy Writer"])

    def test_the_writer_may_add_a_colleague_beside_their_own_name(self):
        story = self.commissioned()
        data = self.open_form(story, self.writer)
        response = self.save(
            story, self.writer, data, **{"bylines-1-author": str(self.colleague.pk)}
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(sorted(self.byline(story)), ["Colin Colleague", "Wendy Writer"])

    def test_a_writer_who_started_the_story_or_an_editor_may_take_the_name_off(self):
        started = make_article(
            status=Article.Status.DRAFT,
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            created_by=self.writer,
        )
        for user, story in ((self.writer, started), (self.editor, self.commissioned())):
            with self.subTest(user=user.username):
                data = self.open_form(story, user)
                response = self.save(
                    story, user, data, **{"bylines-0-author": str(self.colleague.pk)}
                )
                self.assertEqual(response.status_code, 302, response.content[:3000])
                self.assertEqual(self.byline(story), ["Colin Colleague"])
