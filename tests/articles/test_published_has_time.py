"""A published story always has a publication time, whatever writes the row."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from articles.models import Article, StatusChange
from tests.factories import make_article
from tests.migration_case import MigrationTestCase

Status = Article.Status


class PublishedHasTimeTests(TestCase):
    def test_the_database_refuses_a_published_story_without_a_time(self):
        story = make_article(status=Status.DRAFT, published_at=None)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=story.pk).update(status=Status.PUBLISHED)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)

    def test_model_validation_names_the_missing_time(self):
        story = Article(headline="Talks resume", slug="talks-resume", status=Status.PUBLISHED)
        with self.assertRaisesMessage(
            ValidationError, "A published or scheduled story needs a publication time."
        ):
            story.validate_constraints()

    def test_other_statuses_may_have_no_time(self):
        for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED):
            story = make_article(status=status, published_at=None)
            self.assertIsNone(story.published_at, status)


class PublishedWithoutTimeMigrationTests(MigrationTestCase):
    """Migration 0022 puts a published story with no time back to draft, on record."""

    def test_such_a_story_goes_back_to_draft_and_the_rest_stay(self):
        self.migrate([("articles", "0021_language_codes_known")])
        live = make_article(headline="Live", published_at=timezone.now())
        timeless = make_article(headline="Timeless", status=Status.DRAFT, published_at=None)
        Article.objects.filter(pk=timeless.pk).update(status=Status.PUBLISHED, is_pinned=True)
        self.migrate([("articles", "0022_published_story_has_time")])
        timeless.refresh_from_db()
        live.refresh_from_db()
        self.assertEqual((timeless.status, timeless.is_pinned), (Status.DRAFT, False))
        self.assertEqual(live.status, Status.PUBLISHED)
        change = StatusChange.objects.get(article=timeless)
        self.assertEqual((change.from_status, change.to_status), ("published", "draft"))
        self.assertIn("no publication time", change.note)
        self.assertFalse(StatusChange.objects.filter(article=live).exists())
