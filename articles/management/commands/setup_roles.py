from django.core.management.base import BaseCommand

from articles.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the Writers and Editors groups and their permissions (idempotent)."

    def handle(self, *args, **options):
        for name, group in ensure_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
