"""The moderator role: a "Community moderators" group holding the moderate_submission permission.

Permissions are normally made after all migrations (post_migrate), so this makes it itself.
Grant the role with `django-admin moderator grant EMAIL` (see the README).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

GROUP = "Community moderators"


def create_group(apps: Any, schema_editor: Any) -> None:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="community", model="submission"
    )
    permission, _ = permission_model.objects.get_or_create(
        codename="moderate_submission",
        content_type=content_type,
        defaults={"name": "Can moderate community submissions"},
    )
    group, _ = group_model.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
