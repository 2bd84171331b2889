import time

from django.core.management.base import BaseCommand, CommandError

from casestudies.interchange.synthetic import generate_case_studies


class Command(BaseCommand):
    help = (
        "Add N synthetic published case studies in bulk, for load and performance work. Never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many case studies to add.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, count: int, seed: int | None, batch_size: int, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()

        def progress(done: int) -> None:
            width = 30
            filled = width * done // count
            rate = done / max(time.monotonic() - started, 1e-6)
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r[{bar}] {done:,}/{count:,} ({rate:,.0f}/s)", ending="")
            self.stdout.flush()

        try:
            created = generate_case_studies(count=count, seed=seed, batch_size=batch_size, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Added {created:,} synthetic published case studies in {elapsed:.1f} s.")
        )
