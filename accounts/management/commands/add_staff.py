from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import staff_account_save


class Command(BaseCommand):
    help = "Create or update a staff account: broker, coordinator, civil_servant or superuser."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=[*Role.values, "superuser"])
        parser.add_argument("--password", help="Without it a new account cannot sign in yet.")
        parser.add_argument("--name", default="", help="Display name shown to residents.")
        parser.add_argument("--phone", default="", help="Direct phone number (brokers).")

    def handle(self, *args, email, role, password, name, phone, **options):
        if "@" not in email:
            raise CommandError("Give an e-mail address.")
        user, created = staff_account_save(
            email=email, role=role, password=password, display_name=name, phone=phone
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.email} with role {role}."))
