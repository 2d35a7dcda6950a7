"""OneQueryPermissionsBackend grants exactly what Django's ModelBackend grants, in fewer queries."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.roles import EDITORS, WRITERS, ensure_roles
from newsroom.auth_backends import OneQueryPermissionsBackend
from tests.factories import make_article, make_user


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class SamePermissionsAsModelBackendTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.desk = Group.objects.create(name="Night desk")
        cls.desk.permissions.add(permission("articles.view_article"))
        cls.users = {
            "nobody": make_user(staff=True),
            "direct": make_user(staff=True),
            "writer": make_user(staff=True, groups=[WRITERS]),
            "editor": make_user(staff=True, groups=[EDITORS]),
            "two groups and direct": make_user(staff=True, groups=[WRITERS, "Night desk"]),
            "inactive editor": make_user(staff=True, groups=[EDITORS], is_active=False),
            "superuser": make_user(superuser=True),
        }
        cls.users["direct"].user_permissions.add(permission("sources.view_source"))
        cls.users["two groups and direct"].user_permissions.add(
            permission("articles.view_article"),  # also granted by the Night desk group
            permission("redirects.view_redirect"),
        )

    def fresh(self, user):
        """A new object for ``user``: permission caches live on the object."""
        return get_user_model().objects.get(pk=user.pk)

    def test_every_kind_of_user_gets_modelbackends_permissions(self):
        """Loaded by get_user or by other code, each user's set matches ModelBackend's."""
        ours = OneQueryPermissionsBackend()
        for label, user in self.users.items():
            with self.subTest(user=label):
                expected = ModelBackend().get_all_permissions(self.fresh(user))
                self.assertEqual(ours.get_all_permissions(self.fresh(user)), expected)
                if user.is_active:
                    loaded = ours.get_user(user.pk)
                    self.assertEqual(ours.get_all_permissions(loaded), expected)

    def test_the_sets_are_not_empty_by_accident(self):
        """Guards the comparison above: the fixtures grant what they claim to."""
        ours = OneQueryPermissionsBackend()
        perms = {label: ours.get_all_permissions(self.fresh(u)) for label, u in self.users.items()}
        self.assertEqual(perms["nobody"], set())
        self.assertEqual(perms["direct"], {"sources.view_source"})
        self.assertIn("articles.publish_article", perms["editor"])
        self.assertNotIn("articles.publish_article", perms["writer"])
        self.assertEqual(
            perms["two groups and direct"],
            perms["writer"] | {"articles.view_article", "redirects.view_redirect"},
        )
        self.assertEqual(perms["inactive editor"], set())
        self.assertEqual(perms["superuser"], {
            f"{app_label}.{codename}"
            for app_label, codename in Permission.objects.values_list(
                "content_type__app_label", "codename"
            )
        })

    def test_user_and_group_permissions_keep_their_own_answers(self):
        ours, django = OneQueryPermissionsBackend(), ModelBackend()
        user = self.users["two groups and direct"]
        self.assertEqual(
            ours.get_user_permissions(self.fresh(user)),
            django.get_user_permissions(self.fresh(user)),
        )
        self.assertEqual(
            ours.get_group_permissions(self.fresh(user)),
            django.get_group_permissions(self.fresh(user)),
        )

    def test_has_perm_and_has_module_perms_agree(self):
        ours, django = OneQueryPermissionsBackend(), ModelBackend()
        checks = ["articles.publish_article", "articles.change_article", "sources.view_source"]
        for label, user in self.users.items():
            for perm in checks:
                with self.subTest(user=label, perm=perm):
                    self.assertEqual(
                        ours.has_perm(self.fresh(user), perm),
                        django.has_perm(self.fresh(user), perm),
                    )
            with self.subTest(user=label, module="articles"):
                self.assertEqual(
                    ours.has_module_perms(self.fresh(user), "articles"),
                    django.has_module_perms(self.fresh(user), "articles"),
                )

    def test_inactive_or_missing_users_are_not_loaded(self):
        ours = OneQueryPermissionsBackend()
        self.assertIsNone(ours.get_user(self.users["inactive editor"].pk))
        self.assertIsNone(ours.get_user(10**9))

    def test_loaded_user_is_the_whole_user(self):
        """get_user's own query builds the same user ModelBackend does, saveable as usual."""
        editor = self.users["editor"]
        loaded = OneQueryPermissionsBackend().get_user(editor.pk)
        expected = ModelBackend().get_user(editor.pk)
        fields = [field.attname for field in get_user_model()._meta.concrete_fields]
        for name in fields:
            self.assertEqual(getattr(loaded, name), getattr(expected, name), name)
        self.assertFalse(loaded._state.adding)
        loaded.first_name = "Ingrid"
        loaded.save()
        self.assertEqual(self.fresh(editor).first_name, "Ingrid")

    def test_anonymous_and_object_checks_have_no_permissions(self):
        """Object-level rules live in articles.services, as with ModelBackend."""
        ours = OneQueryPermissionsBackend()
        editor = ours.get_user(self.users["editor"].pk)
        story = make_article()
        self.assertEqual(ours.get_all_permissions(AnonymousUser()), set())
        self.assertEqual(ours.get_all_permissions(editor, obj=story), set())
        self.assertFalse(ours.has_perm(editor, "articles.change_article", obj=story))

    def test_get_user_reads_the_permissions_in_its_own_query(self):
        ours = OneQueryPermissionsBackend()
        with self.assertNumQueries(1):
            editor = ours.get_user(self.users["editor"].pk)
            self.assertTrue(editor.has_perm("articles.publish_article"))
            self.assertFalse(editor.has_perm("auth.change_user"))
        writer = self.fresh(self.users["writer"])
        with self.assertNumQueries(1):  # not loaded by get_user: one query, not two
            self.assertTrue(writer.has_perm("articles.add_article"))
            self.assertFalse(writer.has_perm("articles.publish_article"))

    def test_a_signed_in_editors_request_reads_permissions_once(self):
        """The admin's index asks about every model; the user's own row brought the answers."""
        self.client.force_login(self.users["editor"])
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/admin/")
        # The story list is on the index only because the permissions were read.
        self.assertContains(response, f'href="{reverse("admin:articles_article_changelist")}"')
        self.assertNotContains(response, "Groups")  # no auth permissions: not listed
        reads = [query["sql"] for query in queries if "auth_permission" in query["sql"]]
        self.assertEqual(len(reads), 1, reads)
        self.assertIn("auth_user", reads[0])
