from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_roles_after_migrate(sender, using, **kwargs):
    """Keep the Writers and Editors groups current on every ``migrate``.

    Runs after the articles app's permissions exist, so a fresh deploy has its
    roles without anyone remembering ``manage.py setup_roles``.
    """
    from articles.roles import ensure_roles

    ensure_roles(using=using)


def point_site_at_domain(using):
    """Point the sites framework at ``NEWSROOM_DOMAIN`` when it is set; return the old domain.

    Feeds and sitemaps build absolute links from the current Site (not from the
    request's Host header), so the domain is configuration, kept in one place.
    Returns the domain the row held before when it held another, else None.
    """
    from django.conf import settings
    from django.contrib.sites.models import Site

    # The row may have been replaced under the cache (a restore).
    Site.objects.clear_cache()
    if not settings.NEWSROOM_DOMAIN:
        return None
    before = (
        Site.objects.using(using)
        .filter(pk=settings.SITE_ID)
        .values_list("domain", flat=True)
        .first()
    )
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.NEWSROOM_DOMAIN, "name": settings.NEWSROOM_NAME},
    )
    Site.objects.clear_cache()
    return before if before not in (None, settings.NEWSROOM_DOMAIN) else None


def sync_site_after_migrate(sender, using, **kwargs):
    """Every ``migrate`` points the sites framework at ``NEWSROOM_DOMAIN``."""
    point_site_at_domain(using)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
        post_migrate.connect(sync_site_after_migrate, sender=self)

        from django.core import checks

        from articles.cache import connect_signals
        from articles.checks import (
            check_page_cache_is_shared,
            check_purge_method,
            check_site_domain,
        )

        # Cached pages are dropped after every change readers could see.
        connect_signals()
        # A per-process page cache cannot be invalidated across workers.
        checks.register(check_page_cache_is_shared, checks.Tags.caches, deploy=True)
        # A misspelt purge method would fail on every publish, long after start-up.
        checks.register(check_purge_method, checks.Tags.caches)
        # Feeds and sitemaps link to the Site's domain, example.com unless configured.
        checks.register(check_site_domain, checks.Tags.sites, deploy=True)
        # The project's own setting, registered here: the project package has no app.
        from newsroom.security import check_trusted_proxies

        # Behind nginx with no trusted proxy, one reader's typos lock an editor out.
        checks.register(check_trusted_proxies, checks.Tags.security, deploy=True)
