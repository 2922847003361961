"""Who may talk to the server, and what a browser may do with its pages.

Three guards, one middleware, applied before any route:

- trusted hosts: the `Host` header must name this server (localhost by default). A web
  page on another site cannot read a local base through DNS rebinding, since its
  requests carry its own host name;
- a bearer token, when one is set: every route, the UI and its files included, answers
  401 without it. A browser gets it once from `/?token=…`, which sets an HttpOnly,
  SameSite=Strict cookie and redirects to the page without the token in its address;
- security headers on every answer: a Content-Security-Policy with no inline script and
  no framing, X-Frame-Options, nosniff, no referrer.

Refusals use the API's one error shape (`veille.api.errors`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from veille.api.errors import error_response
from veille.errors import VeilleError

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TOKEN_COOKIE = "veille_token"
TOKEN_PARAM = "token"

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class ExposureError(VeilleError):
    """The server would be reachable beyond this machine without a token."""


@dataclass(frozen=True)
class Exposure:
    """How the server may be reached: the host names it answers to (a leading "*."
    allows subdomains, "*" any name), and the token every request must carry, if any."""

    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    token: str | None = None


def is_local_address(host: str) -> bool:
    """True when binding to `host` keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere


def exposure_for_bind(host: str, token: str | None,
                      allowed_hosts: tuple[str, ...] = ()) -> Exposure:
    """The exposure of a server bound to `host`. Beyond localhost a token is required
    (ExposureError otherwise), and the bound address is a trusted host too."""
    if not is_local_address(host) and not token:
        raise ExposureError(
            f"binding to {host} makes the base readable from other machines: set a token "
            "(--token-file FILE or the VEILLE_API_TOKEN environment variable), or bind to "
            "127.0.0.1")
    hosts = [*LOCAL_HOSTS, *allowed_hosts]
    if host not in ("0.0.0.0", "::", "") and host not in hosts:
        hosts.append(host)
    return Exposure(allowed_hosts=tuple(dict.fromkeys(h.lower() for h in hosts)), token=token)


_HOST_PORT = re.compile(r"^(\[[^\]]*\]|[^:]*)(:\d+)?$")


def host_name(header: str) -> str | None:
    """The name in a Host header, without its port and IPv6 brackets; None if malformed."""
    match = _HOST_PORT.match(header.strip())
    if not match or not match.group(1):
        return None
    return match.group(1).strip("[]").lower()


def host_allowed(name: str, allowed: tuple[str, ...]) -> bool:
    for pattern in allowed:
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


def _presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(TOKEN_COOKIE)


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script and no other."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


Handler = Callable[[Request], Awaitable[Response]]


def install_security(app: FastAPI, exposure: Exposure) -> None:
    """Guard every request of `app` as the module says."""

    @app.middleware("http")
    async def guard(request: Request, call_next: Handler) -> Response:
        response = await _check(request, call_next, exposure)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


async def _check(request: Request, call_next: Handler, exposure: Exposure) -> Response:
    name = host_name(request.headers.get("host", ""))
    if name is None or not host_allowed(name, exposure.allowed_hosts):
        return error_response(
            400, "this server does not answer to that host name; start it with "
            "--allowed-host NAME to allow it", {"host": request.headers.get("host")})
    token = exposure.token
    if token is None:
        return await call_next(request)
    offered = request.query_params.get(TOKEN_PARAM)
    if offered is not None and request.method == "GET" and _same(offered, token):
        # Keep the token out of the address bar, history and logs: a cookie from now on.
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != TOKEN_PARAM]
        target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
        redirect = RedirectResponse(target, status_code=303)
        redirect.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")
        return redirect
    if not _same(_presented_token(request), token):
        response = error_response(
            401, "this server requires a token: send 'Authorization: Bearer TOKEN', or "
            "open /?token=TOKEN once in a browser")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    return await call_next(request)
