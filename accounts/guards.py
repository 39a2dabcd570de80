"""The one guard for staff pages.

`@staff_required(is_broker)` (or any check from accounts.roles): anonymous visitors are sent
to the sign-in page, signed-in people for whom the check fails get 403. Staff pages hold
personal data and are kept out of caches for every signed-in user
(config.middleware.StaffPagesPrivateMiddleware), so the guard does not set cache headers."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_required(check: Callable[[object], bool]):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # Which check guards the view; decorators above it (functools.wraps) keep it, so
        # a test can prove every staff URL passes this one guard.
        wrapper.staff_check = check
        return wrapper

    return decorator
