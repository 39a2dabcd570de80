"""Writes to staff accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .models import BrokerProfile
from .roles import Role


def staff_account_save(
    *, email: str, role: str, password: str | None = None, display_name: str = "", phone: str = ""
):
    """Create or update a staff account with exactly one role. Returns (user, created)."""
    if role not in {*Role.values, "superuser"}:
        raise ValueError(f"Unknown role {role!r}")
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "is_staff": True}
        )
        user.email = email
        user.is_staff = True
        user.is_active = True
        user.is_superuser = role == "superuser"
        if password:
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.save()
        user.groups.set([] if role == "superuser" else [Group.objects.get_or_create(name=role)[0]])
        if role in (Role.BROKER, Role.COORDINATOR):
            BrokerProfile.objects.update_or_create(
                user=user,
                defaults={
                    "display_name": display_name or email.split("@")[0].replace(".", " ").title(),
                    **({"direct_phone": phone} if phone else {}),
                },
            )
    return user, created
