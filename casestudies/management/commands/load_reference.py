from django.core.management.base import BaseCommand

from casestudies.interchange.loading import load_reference


class Command(BaseCommand):
    help = (
        "Load or refresh topics, support types and councils from fixtures/, and add starter synonym groups not "
        "loaded before. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        for name, result in load_reference().items():
            self.stdout.write(f"{name.capitalize()}: {result}.")
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
