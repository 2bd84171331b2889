import json
import os
import time

from django.core.management.base import BaseCommand, CommandError

from casestudies.interchange.jsonformat import import_case_studies, read_records


class Command(BaseCommand):
    help = (
        "Import case studies from JSON (docs/data-format.md). Idempotent by slug. Imports nothing if any record is "
        "invalid, unless --skip-invalid is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid records, report the rest."
        )

    def handle(self, *args, file: str, skip_invalid: bool, **options):
        started = time.monotonic()
        try:
            with open(file, encoding="utf-8") as stream:
                records = read_records(stream)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}.") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Read {len(records):,} records from {file}.")

        def progress(done: int) -> None:
            self.stdout.write(f"\rWritten {done:,} case studies", ending="")
            self.stdout.flush()

        report = import_case_studies(
            records,
            skip_invalid=skip_invalid,
            progress=progress,
            reason=f"Imported from {os.path.basename(file)} (manage.py import_case_studies)",
        )
        if report.errors:
            self.stdout.write("")
        for position, slug, reason in report.errors:
            self.stderr.write(f"Record {position}{f' ({slug})' if slug else ''}: {reason}")
        if report.errors and not skip_invalid:
            raise CommandError(
                f"{len(report.errors)} of {report.total} records are invalid; nothing was imported. "
                "Fix them, or use --skip-invalid to import the valid ones."
            )
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {report.total - report.skipped:,} case studies ({report.created:,} created, "
                f"{report.updated:,} updated, {report.unchanged:,} unchanged, {report.skipped:,} invalid skipped) "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
