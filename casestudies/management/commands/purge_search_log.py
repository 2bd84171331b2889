from django.core.management.base import BaseCommand

from casestudies.catalogue import searchlog


class Command(BaseCommand):
    help = (
        "Delete the search counts of days more than 13 months ago (write any counts this process holds first). "
        "Run it daily (cron)."
    )

    def handle(self, *args, **options):
        searchlog.flush()
        cutoff = searchlog.retention_cutoff()
        deleted = searchlog.purge()
        self.stdout.write(
            f"Removed {deleted} search count{'' if deleted == 1 else 's'} of days before {cutoff:%d %B %Y}."
        )
