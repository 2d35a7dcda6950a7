"""A test case that moves the database to a given migration and back to the latest."""

from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase


class MigrationTestCase(TransactionTestCase):
    """``migrate(targets)`` runs the migrations to ``targets``; each test ends on the latest."""

    def migrate(self, targets):
        """Migrate to ``targets`` (``[(app, name)]``); returns the models as they are there."""
        executor = MigrationExecutor(connections["default"])
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def tearDown(self):
        self.migrate(MigrationExecutor(connections["default"]).loader.graph.leaf_nodes())
        super().tearDown()
