"""The one way a case action answers: the case file's actions in brokers, and the grant
and matching panels on it (budgets, matching).

A case action is a plain POST form that works without JavaScript; htmx enhances it to
swap a fragment of the case file in place (`request.htmx`, django-htmx's middleware).

- With htmx: the refreshed fragment, always 200 because htmx does not swap in a 4xx
  answer. The fragment announces the message (success) or the refusal and shows the
  errors next to the fields.
- Without htmx, on success: the message as a flash and a redirect to the `next` the form
  posted when it stays on this site, else to `back`.
- Without htmx, on failure: the full page with the errors next to the fields (`page`,
  with the status that page answers), or, when no form on the page can show them, the
  refusal as a flash and the same redirect.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def case_action_response(
    request,
    *,
    succeeded: bool,
    message: str = "",
    fragment: Callable[..., HttpResponse],
    page: Callable[[], HttpResponse] | None = None,
    back: str | Callable[[], str],
    next_url: str | None = None,
) -> HttpResponse:
    """Answer a case action that `succeeded` or not.

    `message`: what to tell the broker (on failure the refusal; empty when the errors sit
    in a form). `fragment(notice=..., error=...)`: the refreshed fragment for htmx.
    `page()`: the full page with the errors, where a form on it shows them. `back`: the
    default place to return to (a URL, or a function giving one, called only when
    needed). `next_url`: where the page asked to return to; the posted `next` unless
    given."""
    if request.htmx:
        notice, error = (message, "") if succeeded else ("", message)
        response = fragment(notice=notice, error=error)
        response.status_code = 200
        return response
    if not succeeded and page is not None:
        return page()
    if succeeded:
        messages.success(request, message)
    else:
        messages.error(request, message)
    return redirect(_back_url(request, next_url=next_url, back=back))


def _back_url(request, *, next_url: str | None, back: str | Callable[[], str]) -> str:
    target = request.POST.get("next", "") if next_url is None else next_url
    # A path or a URL of this site (a Referer); not a bare word such as "0", which
    # redirect() would look up as a view name (a 500 when there is none).
    looks_like_url = target.startswith("/") or bool(urlsplit(target).scheme)
    if looks_like_url and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return back() if callable(back) else back
