from django.core.management.base import BaseCommand

from casestudies.submissions.reviews import due_for_review, send_review_reminders


class Command(BaseCommand):
    help = (
        "Email the contact of each published case study not reviewed for 24 months a link to confirm it is still "
        "accurate or say what has changed; never the same case study twice within a month. Run it monthly (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many are due.")

    def handle(self, *args, **options):
        if options["dry_run"]:
            due = due_for_review().count()
            self.stdout.write(
                f"{due} case stud{'y is' if due == 1 else 'ies are'} due for a review reminder."
            )
            return
        sent = send_review_reminders()
        self.stdout.write(f"Sent {sent} review reminder{'' if sent == 1 else 's'}.")
