from django.core.management.base import BaseCommand

from casestudies.submissions.drafts import purge_drafts


class Command(BaseCommand):
    help = (
        "Delete saved drafts of the submission form whose link has expired, with their files, and files left by "
        "forms that were never sent again. Run it daily (cron)."
    )

    def handle(self, *args, **options):
        report = purge_drafts()
        self.stdout.write(
            f"Removed {report.drafts} expired draft{'' if report.drafts == 1 else 's'} and "
            f"{report.files} file{'' if report.files == 1 else 's'}."
        )
