"""Response headers every answer carries (issue 14 item 13).

- `Cache-Control: no-store`: answers hold families' personal data (and errors echo ids); no
  browser, proxy or shared cache may keep a copy. A route that sets its own (the console's
  static files: `no-cache`) keeps it.
- `X-Content-Type-Options: nosniff`: a JSON body is never run as a script or rendered as HTML.
- `Strict-Transport-Security` on answers that went out over TLS: directly (uvicorn with a
  certificate) or through a proxy whose `X-Forwarded-Proto: https` uvicorn trusts
  (`FORWARDED_ALLOW_IPS`, docs/security.md). Over plain HTTP it would mean nothing.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALWAYS = (("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"))
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


class SecurityHeaders:
    """Adds the headers above to every HTTP answer that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = (*ALWAYS, HSTS) if scope.get("scheme") == "https" else ALWAYS

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)
