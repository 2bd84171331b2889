import sys
import time

from django.core.management.base import BaseCommand

from casestudies.interchange.jsonformat import export_case_studies


class Command(BaseCommand):
    help = "Export every case study (any status) as JSON, in the format of docs/data-format.md. Use - for stdout."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the JSON, or - for standard output.")
        parser.add_argument(
            "--public-only",
            action="store_true",
            help="Leave out the submitter's name, email and consent (never published).",
        )

    def handle(self, *args, file: str, public_only: bool, **options):
        started = time.monotonic()
        progress_out = self.stderr if file == "-" else self.stdout

        def progress(done: int) -> None:
            progress_out.write(f"\rExported {done:,} case studies", ending="")
            progress_out.flush()

        if file == "-":
            count = export_case_studies(sys.stdout, include_private=not public_only, progress=progress)
        else:
            with open(file, "w", encoding="utf-8") as stream:
                count = export_case_studies(stream, include_private=not public_only, progress=progress)
        progress_out.write("")
        progress_out.write(
            self.style.SUCCESS(
                f"Exported {count:,} case studies to {file} in {time.monotonic() - started:.1f} s."
            )
        )
