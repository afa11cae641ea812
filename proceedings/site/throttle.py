"""A cap on how often one client may ask for the costly answers: searches and exports.

Counting is django-ratelimit's (`get_usage`: a fixed window per client in Django's cache). The
cache is the default one: per process unless REDIS_URL names a shared one (Redis), which a
deployment with several workers should set, or each worker counts on its own (see README). Signed-in
editors are never capped. Over the cap the answer is a 429 that says when to come back, as a
page in the reader's language or as JSON for the API (proceedings.site.views.too_many_requests).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit.core import get_usage

View = Callable[..., HttpResponse]
IPV6, IPV6_PREFIX = 6, 64


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind JINAQ_TRUSTED_PROXIES reverse proxies the
    address the outermost of them saw (X-Forwarded-For, counted from the right: only our own
    proxies' entries can be trusted, anything left of them the client may have written).
    '' when there is none (a front server on a unix socket)."""
    proxies = settings.JINAQ_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or ""


def client_network(request: HttpRequest) -> str | None:
    """The client as one address: its IPv4 address, or its IPv6 /64's first address — one
    household or phone gets a whole /64 and could otherwise step around a cap or a login lockout
    (django-axes counts failed logins under this: AXES_CLIENT_IP_CALLABLE). None when the
    address is missing or garbled."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == IPV6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False).network_address)
    return str(ip)


def client_key(group: str, request: HttpRequest) -> str:
    """What one client's requests are counted under (a garbled address is still counted)."""
    return client_network(request) or f"unparsed:{client_address(request)[:64]}"


def throttled(group: str, *, rate: str) -> Callable[[View], View]:
    """Cap anonymous requests to the view at `rate` (a setting's name: '300/m') per client."""

    def decorate(view: View) -> View:
        @wraps(view)
        def capped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                usage = get_usage(
                    request, group=group, key=client_key, rate=getattr(settings, rate), increment=True
                )
                if usage is not None and usage["should_limit"]:
                    from proceedings.site.views import too_many_requests  # noqa: PLC0415 - views import http

                    return too_many_requests(request, retry_after=max(usage["time_left"], 1))
            return view(request, *args, **kwargs)

        return capped

    return decorate
