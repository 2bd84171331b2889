from django.core.management.base import BaseCommand

from casestudies.interchange.loading import load_demo, load_reference


class Command(BaseCommand):
    help = "Load the demo case studies (development and tests only). Safe to run repeatedly."

    def handle(self, *args, **options):
        load_reference()
        result = load_demo(progress=self._progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo case studies: {result}."))

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"\rLoading demo case studies: {done}/{total}", ending="")
        self.stdout.flush()
