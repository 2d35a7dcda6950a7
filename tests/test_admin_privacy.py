"""What the admin gives away to writers, and how it answers addresses that name no story.

The dashboard's "Recent corrections" list once named every corrected story:
writers read there the headlines of embargoed stories and of legal takedowns,
with their addresses. The compare and preview-link pages answered a story or
version id that is not a number ("abc") with a server error.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Correction
from articles.roles import WRITERS
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields
from tests.factories import make_article, make_author, make_user

Status = Article.Status


def recent_corrections(response):
    """The dashboard's "Recent corrections" box, as HTML."""
    page = response.content.decode()
    start = page.index('id="recent-corrections"')
    return page[start : page.index("</div>", start)]


class RecentCorrectionsTests(AdminWorkflowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        colleague = make_user("colleague", staff=True, groups=[WRITERS])
        colleague_author = make_author(name="Walt Two", user=colleague)
        now = timezone.now()
        story = {"section": cls.section, "origin": cls.source}
        cls.live = make_article(headline="Floods recede in the north", **story)
        cls.hidden = [
            make_article(
                headline="Minister X bribery allegations",
                status=Status.ARCHIVED,
                published_at=now - timedelta(days=1),
                authors=[colleague_author],
                created_by=colleague,
                **story,
            ),
            make_article(
                headline="Results of the inquiry",
                published_at=now + timedelta(days=1),
                authors=[colleague_author],
                created_by=colleague,
                **story,
            ),
            # The writer's own scheduled story is not public either.
            make_article(
                headline="Talks resume in Geneva",
                published_at=now + timedelta(hours=2),
                authors=[cls.writer_author],
                created_by=cls.writer,
                **story,
            ),
            make_article(headline="Dam report in review", status=Status.REVIEW, **story),
        ]
        for article in [cls.live, *cls.hidden]:
            Correction.objects.create(article=article, note="A name was misspelt.")

    def dashboard(self, user):
        self.client.force_login(user)
        return recent_corrections(self.client.get(reverse("admin:index")))

    def test_writers_see_corrections_on_public_stories_only(self):
        corrections = self.dashboard(self.writer)
        self.assertIn(self.live.headline, corrections)
        self.assertIn(f'href="{self.live.get_absolute_url()}"', corrections)
        for story in self.hidden:
            with self.subTest(story.headline):
                self.assertNotIn(story.headline, corrections)
                self.assertNotIn(story.get_absolute_url(), corrections)

    def test_editors_see_every_correction(self):
        corrections = self.dashboard(self.editor)
        for story in [self.live, *self.hidden]:
            with self.subTest(story.headline):
                self.assertIn(story.headline, corrections)

    def test_a_writer_with_no_public_correction_sees_none(self):
        Correction.objects.filter(article=self.live).delete()
        self.assertIn("No corrections yet.", self.dashboard(self.writer))


class NotANumberTests(AdminWorkflowTestCase):
    """Ids typed, cut short or forged in the address are a 404, as a missing story is."""

    def setUp(self):
        self.story = self.writer_draft()
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_change", args=[self.story.pk])
        for headline in ("Dam bursts upstream, dozens missing", "Dam bursts upstream"):
            data = form_fields(self.client.get(url))
            self.assertEqual(self.client.post(url, {**data, "headline": headline}).status_code, 302)
        self.versions = list(
            Version.objects.get_for_object(self.story).order_by("pk").values_list("pk", flat=True)
        )

    def compare(self, story_id, **query):
        return self.client.get(reverse("admin:articles_article_compare", args=[story_id]), query)

    def test_two_versions_are_compared(self):
        old, new = self.versions
        response = self.compare(self.story.pk, **{"from": old, "to": new})
        self.assertContains(response, "dozens missing")

    def test_a_version_that_is_not_a_number_is_a_404(self):
        old, new = self.versions
        for bad in ["abc", "", "1.5", "-1", "١", "9" * 30, "9" * 5000, f"{old}abc"]:
            for query in ({"from": bad, "to": new}, {"from": old, "to": bad}):
                with self.subTest(query):
                    self.assertEqual(self.compare(self.story.pk, **query).status_code, 404)
        self.assertEqual(self.compare(self.story.pk, to=new).status_code, 404)

    def test_a_version_of_another_story_is_a_404(self):
        other = self.writer_draft(headline="Another story")
        self.save(other, self.editor, self.open_form(other, self.editor))
        theirs = Version.objects.get_for_object(other).get().pk
        response = self.compare(self.story.pk, **{"from": self.versions[0], "to": theirs})
        self.assertEqual(response.status_code, 404)

    def test_a_story_id_that_is_not_a_number_is_a_404(self):
        old, new = self.versions
        for bad in ["abc", "1.5", "9" * 30]:
            with self.subTest(bad):
                self.assertEqual(self.compare(bad, **{"from": old, "to": new}).status_code, 404)
                for name in (
                    "admin:articles_article_preview_link",
                    "admin:articles_article_revoke_preview_links",
                ):
                    response = self.client.post(reverse(name, args=[bad]))
                    self.assertEqual(response.status_code, 404)

    def test_a_writer_asking_for_someone_elses_story_gets_a_404(self):
        """As before: the story is not among theirs, so for them it is not there."""
        other = make_article(headline="Not the writer's", section=self.section)
        self.client.force_login(self.writer)
        self.assertEqual(self.compare(other.pk, **{"from": 1, "to": 1}).status_code, 404)
        response = self.client.post(reverse("admin:articles_article_preview_link", args=[other.pk]))
        self.assertEqual(response.status_code, 404)
