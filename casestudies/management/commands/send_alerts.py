from django.core.management.base import BaseCommand

from casestudies.public.alerts import send_digests


class Command(BaseCommand):
    help = (
        "Email each confirmed alert subscriber the new case studies matching their search. Run daily (cron)."
    )

    def handle(self, *args, **options):
        report = send_digests()
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {report.checked} alert(s): {report.sent} digest(s) sent, {report.failed} failed."
            )
        )
