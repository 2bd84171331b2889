from django.core.management.base import BaseCommand

from casestudies.interchange.loading import load_councils


class Command(BaseCommand):
    help = (
        "Load or refresh the UK council list (mySociety, CC BY 4.0) from fixtures/. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        result = load_councils()
        self.stdout.write(self.style.SUCCESS(f"Councils: {result}."))
