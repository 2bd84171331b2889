"""Councils get the representative point of the council data (latitude and longitude), for the map and for
"councils like this one". "map" joins the reserved slugs (/case-studies/map/): a case study that already has that
slug could no longer be reached, so it moves to the next free slug."""

from django.db import migrations, models


def free_the_map_slug(apps, schema_editor):
    CaseStudy = apps.get_model("casestudies", "CaseStudy")
    taken = CaseStudy.objects.using(schema_editor.connection.alias)
    shadowed = taken.filter(slug="map").first()
    if shadowed is None:
        return
    slug, n = "map-case-study", 2
    while taken.filter(slug=slug).exists():
        slug, n = f"map-case-study-{n}", n + 1
    shadowed.slug = slug
    shadowed.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0011_editors_manage_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="council",
            name="latitude",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="council",
            name="longitude",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.RunPython(free_the_map_slug, migrations.RunPython.noop),
    ]
