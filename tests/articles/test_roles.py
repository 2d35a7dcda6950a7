from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase

from articles import services
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.factories import make_article, make_author, make_user


class RolesTests(TestCase):
    def test_command_is_idempotent(self):
        call_command("setup_roles", stdout=StringIO())
        counts = {g.name: g.permissions.count() for g in Group.objects.all()}
        call_command("setup_roles", stdout=StringIO())
        self.assertEqual(Group.objects.filter(name__in=[WRITERS, EDITORS]).count(), 2)
        self.assertEqual({g.name: g.permissions.count() for g in Group.objects.all()}, counts)

    def test_rerun_takes_back_a_permission_added_by_hand(self):
        groups = ensure_roles()
        groups[WRITERS].permissions.add(Permission.objects.get(codename="publish_article"))
        ensure_roles()
        self.assertFalse(
            groups[WRITERS].permissions.filter(codename="publish_article").exists()
        )


class WhoMayWhatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])
        cls.other_writer = make_user("other", staff=True, groups=[WRITERS])
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def test_only_editors_publish(self):
        self.assertTrue(services.can_publish(self.editor))
        self.assertFalse(services.can_publish(self.writer))

    def test_writer_edits_own_draft_but_not_someone_elses(self):
        draft = make_article(status="draft", created_by=self.writer)
        self.assertTrue(services.can_edit(self.writer, draft))
        self.assertFalse(services.can_edit(self.other_writer, draft))

    def test_writer_edits_a_draft_bylined_to_them(self):
        author = make_author(user=self.other_writer)
        draft = make_article(status="draft", authors=[author], created_by=self.writer)
        self.assertTrue(services.can_edit(self.other_writer, draft))

    def test_writer_cannot_edit_a_published_story_even_their_own(self):
        story = make_article(created_by=self.writer)
        self.assertFalse(services.can_edit(self.writer, story))
        self.assertTrue(services.can_edit(self.editor, story))

    def test_user_outside_groups_edits_nothing(self):
        nobody = make_user(staff=True)
        self.assertFalse(services.can_edit(nobody, make_article(status="draft")))


class RolesAfterMigrateTests(TestCase):
    """``migrate`` alone gives a fresh deploy its roles and its public domain."""

    def test_groups_exist_with_permissions_after_migrate(self):
        # The test database was built by migrate; nothing here calls ensure_roles.
        writers = Group.objects.get(name=WRITERS)
        editors = Group.objects.get(name=EDITORS)
        self.assertTrue(writers.permissions.filter(codename="add_article").exists())
        self.assertFalse(writers.permissions.filter(codename="publish_article").exists())
        self.assertTrue(editors.permissions.filter(codename="publish_article").exists())

    def test_migrate_points_the_site_at_the_configured_domain(self):
        from django.contrib.sites.models import Site

        # The sites framework caches the current Site; the row rolls back after
        # this test, so the cache must not outlive it.
        self.addCleanup(Site.objects.clear_cache)
        with self.settings(NEWSROOM_DOMAIN="news.example.org", NEWSROOM_NAME="The Desk"):
            call_command("migrate", verbosity=0)
        site = Site.objects.get_current()
        self.assertEqual((site.domain, site.name), ("news.example.org", "The Desk"))
