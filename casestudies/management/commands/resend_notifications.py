from django.core.management.base import BaseCommand

from casestudies.submissions.services import notify_submission, pending_notifications


class Command(BaseCommand):
    help = "Send the submission emails that failed earlier (for example while the mail server was down)."

    def handle(self, *args, **options):
        pending = list(pending_notifications().select_related("lead_council"))
        sent = failed = 0
        for case_study in pending:
            submitter, editors = notify_submission(case_study=case_study)
            sent += submitter + editors
            still_missing = case_study.submitter_notified_at is None or case_study.editors_notified_at is None
            failed += still_missing
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(pending)} submission(s) had unsent emails: {sent} email(s) sent, {failed} still pending."
            )
        )
