"""Rows of one instant keep one order: the desk's lists and "last moved by" end on the id.

A bulk publish gives many stories the same publication time, and two moves
of a story may be recorded in the same microsecond on a fast machine. Ordered
by the time alone, a database may return such rows in any order: the desk's
lists then reshuffled between reloads, and "last moved by" could name the
earlier move. The later row (the higher id) counts as the later.
"""

from django.test import TestCase
from django.utils import timezone

from articles.models import Article, StatusChange
from articles.services import editor_dashboard, last_saved_by
from tests.factories import make_article, make_user


class TiesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("desk", superuser=True)
        cls.moment = timezone.now() - timezone.timedelta(hours=1)
        cls.stories = [make_article(published_at=cls.moment) for _ in range(4)]
        Article.objects.update(updated_at=cls.moment)

    def test_the_desks_lists_put_the_latest_row_first_among_equals(self):
        listed = [story.pk for story in editor_dashboard(self.editor)["recently_published"]]
        self.assertEqual(listed, sorted((story.pk for story in self.stories), reverse=True))

    def test_last_moved_by_names_the_later_of_two_moves_in_one_instant(self):
        story = self.stories[0]
        first, second = make_user("ann"), make_user("ben")
        for user, to_status in ((first, Article.Status.REVIEW), (second, Article.Status.PUBLISHED)):
            StatusChange.objects.create(
                article=story,
                user=user,
                from_status=Article.Status.DRAFT,
                to_status=to_status,
                created_at=self.moment,
            )
        user, _, move = last_saved_by(story)
        self.assertEqual((user, move.to_status), (second, Article.Status.PUBLISHED))
