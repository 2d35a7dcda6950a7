"""A section's public list in its exact order: (section, status, -published_at, -id).

It replaces (section, status, -published_at), which it extends: the tie-breaker
lets a deep section page read its 20 ids from the index in order instead of
sorting every story of the section. The new index is built before the old one
is dropped, so section lists are never without one.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_search_vector_seeded"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_order_idx",
            ),
        ),
        migrations.RemoveIndex(
            model_name="article",
            name="article_section_pub_idx",
        ),
    ]
