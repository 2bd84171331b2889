import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from casestudies.moderation.editors import ensure_editors_group


class Command(BaseCommand):
    help = "Create (or update) an editor: a staff user in the Editors group, not a superuser."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument(
            "--password-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking for it.",
        )

    def handle(self, *args, username: str, email: str, password_env: str | None, **options):
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"The environment variable {password_env} is empty.")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        group = ensure_editors_group()
        created = user.pk is None
        user.email = email
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"{'Created' if created else 'Updated'} editor {username} <{email}>.")
        )
