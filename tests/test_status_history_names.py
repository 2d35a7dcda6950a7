"""The status history names who made each change, after their account is deleted too."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from articles import services
from articles.models import Article, StatusChange
from articles.roles import EDITORS, ensure_roles
from tests.factories import make_article, make_source, make_user
from tests.migration_case import MigrationTestCase

Status = Article.Status


class NamesInTheHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.chief = make_user("chief", superuser=True)
        cls.editor = make_user(
            "ed", staff=True, groups=[EDITORS], first_name="Ed", last_name="Itor"
        )
        cls.story = make_article(status=Status.REVIEW, origin=make_source())

    def history(self):
        self.client.force_login(self.chief)
        page = self.client.get(reverse("admin:articles_article_change", args=[self.story.pk]))
        return page.content.decode().split('id="status-history"')[1].split("</section>")[0]

    def test_a_change_keeps_the_name_of_who_made_it(self):
        change = services.publish(self.story, user=self.editor)
        self.assertEqual(change.user_name, "Ed Itor")
        self.assertIn("<td>Ed Itor</td>", self.history())

    def test_the_history_shows_the_current_name_while_the_account_exists(self):
        services.publish(self.story, user=self.editor)
        self.editor.first_name = "Edwina"
        self.editor.save()
        self.assertIn("<td>Edwina Itor</td>", self.history())

    def test_a_deleted_account_is_still_named_not_called_system(self):
        services.publish(self.story, user=self.editor)
        get_user_model().objects.filter(pk=self.editor.pk).delete()
        change = StatusChange.objects.get(article=self.story)
        self.assertIsNone(change.user)
        self.assertIn("<td>Ed Itor (account deleted)</td>", self.history())
        self.assertNotIn("System", self.history())

    def test_a_change_without_a_person_is_the_systems(self):
        services.publish(self.story, user=None)
        self.assertEqual(StatusChange.objects.get(article=self.story).user_name, "")
        self.assertIn("<td>System</td>", self.history())

    def test_a_name_longer_than_the_record_keeps_is_cut_to_fit(self):
        """First and last names may be 150 characters each; PostgreSQL refuses 301 in 150."""
        long = make_user(
            "longname", staff=True, groups=[EDITORS], first_name="A" * 150, last_name="B" * 150
        )
        change = services.publish(self.story, user=long)
        change.refresh_from_db()
        self.assertEqual(change.user_name, ("A" * 150 + " " + "B" * 150)[:150])

    def test_a_username_stands_in_for_a_missing_full_name(self):
        nameless = make_user("desk2", staff=True, groups=[EDITORS])
        self.assertEqual(services.publish(self.story, user=nameless).user_name, "desk2")


class NameMigrationTests(MigrationTestCase):
    """Migration 0016 names who made the changes recorded before it."""

    def test_existing_records_take_their_users_name(self):
        ensure_roles()
        editor = make_user("ed", staff=True, groups=[EDITORS], first_name="Ed", last_name="Itor")
        plain = make_user("desk2", staff=True, groups=[EDITORS])
        services.publish(make_article(status=Status.REVIEW, origin=make_source()), user=editor)
        services.publish(make_article(status=Status.REVIEW, origin=make_source()), user=plain)
        services.publish(make_article(status=Status.REVIEW, origin=make_source()), user=None)
        self.migrate([("articles", "0015_status_history_outlives_its_story")])
        self.migrate([("articles", "0016_status_change_keeps_who_made_it")])
        self.assertEqual(
            sorted(StatusChange.objects.values_list("user_name", flat=True)),
            ["", "Ed Itor", "desk2"],
        )
