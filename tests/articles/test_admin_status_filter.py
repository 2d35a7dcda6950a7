"""The story list's status filter tells scheduled stories from live ones."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


class StatusFilterTests(AdminWorkflowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        now = timezone.now()
        cls.live = make_article(headline="Live story", published_at=now - timedelta(hours=1))
        cls.scheduled = make_article(
            headline="Scheduled story", published_at=now + timedelta(days=1)
        )
        cls.draft = make_article(headline="Draft story", status=Status.DRAFT)
        cls.archived = make_article(headline="Archived story", status=Status.ARCHIVED)

    def listed(self, value):
        self.client.force_login(self.editor)
        response = self.client.get(CHANGELIST, {"status__exact": value})
        self.assertEqual(response.status_code, 200)
        return {story.headline for story in response.context["cl"].result_list}

    def test_scheduled_and_live_are_separate_choices(self):
        self.assertEqual(self.listed("scheduled"), {"Scheduled story"})
        self.assertEqual(self.listed("published"), {"Live story"})
        self.assertEqual(self.listed("draft"), {"Draft story"})
        self.assertEqual(self.listed("archived"), {"Archived story"})

    def test_the_filter_offers_scheduled(self):
        self.client.force_login(self.editor)
        response = self.client.get(CHANGELIST)
        self.assertContains(response, "?status__exact=scheduled")
        self.assertContains(response, "Published (live)")

    def test_an_unknown_value_lists_everything_rather_than_failing(self):
        self.assertEqual(len(self.listed("nonsense")), 4)
