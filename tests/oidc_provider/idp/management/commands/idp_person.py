"""Make or change a person at the provider: password, e-mail and exactly these groups."""

from django.contrib.auth.models import Group, User
from django.core.management import BaseCommand


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="")
        parser.add_argument("--groups", default="", help="comma separated; empty: none")

    def handle(self, *args, **options):
        user, _ = User.objects.get_or_create(username=options["username"])
        if options["password"]:
            user.set_password(options["password"])
        if options["email"]:
            user.email = options["email"]
        if options["name"]:
            user.first_name, _, user.last_name = options["name"].partition(" ")
        user.save()
        names = [name for name in options["groups"].split(",") if name]
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])
