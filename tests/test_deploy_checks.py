"""``check --deploy`` catches a site whose feeds and sitemaps would link to example.com.

robots.txt, the sitemaps and the feeds build their links from the sites
framework's domain, which is ``example.com`` until ``NEWSROOM_DOMAIN`` is set
(``migrate`` writes it to the Site row). Canonical links use the request's
host, so in a browser nothing looks wrong.
"""

from django.contrib.sites.models import Site
from django.core import checks
from django.test import SimpleTestCase, TestCase, override_settings

from articles.checks import check_site_domain
from tests.test_security import PRODUCTION_ENV, run


def warnings_for(domain):
    with override_settings(NEWSROOM_DOMAIN=domain):
        return [message.id for message in check_site_domain(None)]


class SiteDomainCheckTests(SimpleTestCase):
    def test_an_unset_domain_is_a_warning(self):
        for domain in ("", "  "):
            with self.subTest(domain=domain):
                self.assertEqual(warnings_for(domain), ["articles.W002"])

    def test_djangos_placeholder_and_its_kin_are_warnings(self):
        for domain in (
            "example.com",
            "Example.COM",
            "example.com:8000",
            "example.com.",
            "www.example.com",
            "news.example.org",
            "example.net",
        ):
            with self.subTest(domain=domain):
                self.assertEqual(warnings_for(domain), ["articles.W002"])

    def test_the_top_level_domains_reserved_for_examples_are_warnings(self):
        """RFC 2606 reserves .example, .test, .invalid and .localhost whole: the
        docs' own newsroom.example must not pass ``check --deploy``."""
        for domain in (
            "newsroom.example",
            "news.example:8443",
            "NEWS.EXAMPLE.",
            "example",
            "staging.newsroom.test",
            "newsroom.invalid",
            "localhost",
            "localhost:8000",
            "news.localhost",
        ):
            with self.subTest(domain=domain):
                self.assertEqual(warnings_for(domain), ["articles.W002"])

    def test_an_address_instead_of_a_host_name_is_a_warning(self):
        self.assertEqual(warnings_for("https://news.daily-planet.net/"), ["articles.W002"])

    def test_a_real_domain_passes(self):
        for domain in (
            "news.daily-planet.net",
            "daily-planet.net:8443",
            "notexample.com",
            "example.news",
            "latest.tests.org",
        ):
            with self.subTest(domain=domain):
                self.assertEqual(warnings_for(domain), [])

    @override_settings(NEWSROOM_DOMAIN="")
    def test_the_warning_names_the_setting_to_set(self):
        (warning,) = check_site_domain(None)
        self.assertIsInstance(warning, checks.Warning)
        self.assertIn("NEWSROOM_DOMAIN", warning.msg + warning.hint)

    @override_settings(NEWSROOM_DOMAIN="")
    def test_it_runs_with_the_deployment_checks_only(self):
        deploy = {m.id for m in checks.run_checks(include_deployment_checks=True)}
        everyday = {m.id for m in checks.run_checks()}
        self.assertIn("articles.W002", deploy)
        self.assertNotIn("articles.W002", everyday)


class SiteDomainFromTheSettingTests(TestCase):
    """Checks run before ``migrate`` and may have no database; ``migrate`` makes the
    Site row follow the setting (``articles.apps.sync_site_after_migrate``)."""

    def setUp(self):
        self.addCleanup(Site.objects.clear_cache)

    def test_a_row_still_at_example_com_passes_once_the_setting_is_right(self):
        Site.objects.update_or_create(pk=1, defaults={"domain": "example.com"})
        with self.assertNumQueries(0):
            self.assertEqual(warnings_for("news.daily-planet.net"), [])

    def test_a_row_set_by_hand_does_not_stand_in_for_the_setting(self):
        """The next deploy's migrate would leave it, but a fresh database would not have it."""
        Site.objects.update_or_create(pk=1, defaults={"domain": "news.daily-planet.net"})
        self.assertEqual(warnings_for(""), ["articles.W002"])


class CheckDeployTests(SimpleTestCase):
    """The production environment of tests/test_security.py, run as an operator would."""

    def test_check_deploy_fails_without_newsroom_domain(self):
        environ = {
            name: value for name, value in PRODUCTION_ENV.items() if name != "NEWSROOM_DOMAIN"
        }
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("articles.W002", result.stderr + result.stdout)

    def test_check_deploy_passes_with_trusted_origins_written_as_host_names(self):
        """Django refuses an origin without its scheme (4_0.E001); the settings add it."""
        environ = {**PRODUCTION_ENV, "CSRF_TRUSTED_ORIGINS": "news.daily-planet.net"}
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)

    def test_check_deploy_fails_with_djangos_placeholder(self):
        environ = {**PRODUCTION_ENV, "NEWSROOM_DOMAIN": "example.com"}
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("articles.W002", result.stderr + result.stdout)

    def test_check_deploy_fails_with_the_docs_example_domain(self):
        """docs/deployment.md and deploy/nginx.conf say newsroom.example: copied as is, caught."""
        environ = {**PRODUCTION_ENV, "NEWSROOM_DOMAIN": "newsroom.example"}
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("articles.W002", result.stderr + result.stdout)

    def test_check_deploy_fails_with_no_trusted_proxy(self):
        """nginx's address for every reader: one reader's five typos lock an editor out."""
        environ = {**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "0"}
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("newsroom.W001", result.stderr + result.stdout)
        # An operator whose readers reach gunicorn directly silences it.
        result = run(
            ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            **environ,
            SILENCED_SYSTEM_CHECKS="newsroom.W001",
        )
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
