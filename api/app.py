"""The FastAPI application: lifespan (driver, migrations), error handlers and routers."""

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from accounts import Sealer, Throttle
from api import audit, errors
from api.audit_chain import AuditLog
from api.errors import PROBLEM_MEDIA_TYPE
from api.headers import SecurityHeaders
from api.request_guard import RequestGuard
from api.routes import (
    accounts,
    applications,
    cases,
    conferences,
    console,
    discoveries,
    eligibility,
    funds,
    health,
    households,
    ingest,
    integrity,
    persons,
    publicity,
    referrals,
    regions,
    relief,
    reviews,
    screening,
    stats,
    warnings,
    webhooks,
)
from api.security import BadTokenLimit
from api.services.warnings import mark_orphan_runs
from core import __version__
from core.settings import Settings, audit_key, get_settings, token_secret
from cypher import migrations
from graph.db import Graph, graph_for, open_driver
from graph.schema import migrate
from procedure.policy import ProcedurePolicy, load_policy
from webhooks import run_delivery


def problem_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The app's OpenAPI document with every 4xx/5xx response documented as
    application/problem+json with the Problem schema (RFC 9457), as the handlers send it."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        schema: dict[str, Any] = original()  # cached by FastAPI; this edit is idempotent
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                # Any route that reads Neo4j may be 503 (issue 14 item 9); any that takes a
                # token may be 429 after repeated bad tokens (item 15).
                if path.startswith(("/v1/", "/health")):
                    responses.setdefault("503", {"description": "Service Unavailable"})
                if "401" in responses:
                    responses.setdefault("429", {"description": "Too Many Requests"})
                for code, response in responses.items():
                    if code[0] in "45":
                        response["content"] = {PROBLEM_MEDIA_TYPE: problem}
        return schema

    return openapi


def create_app(
    settings: Settings | None = None,
    graph: Graph | None = None,
    policy: ProcedurePolicy | None = None,
) -> FastAPI:
    """The API. With `graph` given (tests), its driver is used as is and left open; `policy`
    (tests) replaces the procedure settings of the environment."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if graph is not None:  # set below, before any request
            yield
            return
        driver = open_driver(settings, retry_s=settings.api_retry_s)
        try:
            app.state.graph = graph_for(driver, settings, pause=True)
            migrate(app.state.graph, migrations())  # serve applies the schema too (contract §1)
            # Rescoring runs of a process of this host that died are interrupted now, not
            # once their heartbeat is old (issue 14 item 10).
            mark_orphan_runs(app.state.graph)
            # Departments hear about their referrals (P11): this process delivers the outbox
            # too; several workers may, each round claims its own messages (docs/webhooks.md).
            stop = threading.Event()
            delivery = threading.Thread(
                target=run_delivery, args=(app.state.graph, stop), name="webhooks", daemon=True
            )
            delivery.start()
            try:
                yield
            finally:
                stop.set()
                delivery.join(timeout=10)
        finally:
            driver.close()

    # The schema and its two viewers map every route for an attacker: off unless dev mode
    # or HHGRAPH_API_DOCS turns them on (issue 14 item 13). `app.openapi()` works either way.
    docs = settings.dev_mode or settings.api_docs
    app = FastAPI(
        title="household-graph",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.settings = settings
    app.state.policy = policy or load_policy()  # fails closed on a bad HHGRAPH_* number
    if graph is not None:
        app.state.graph = graph
    app.state.secret = token_secret(settings)  # refuses to build an app without a real one
    app.state.bad_tokens = BadTokenLimit(settings.bad_token_limit, settings.bad_token_window_s)
    app.state.known_regions = set()  # token regions found in the graph (api/deps.py)
    app.state.login_throttle = Throttle()  # failed sign-ins of unknown usernames (issue 16)
    app.state.sealer = Sealer(app.state.secret)  # TOTP secrets at rest (accounts/totp.py)
    errors.install(app)
    app.add_middleware(
        RequestGuard,
        body_timeout_s=settings.body_timeout_s,
        max_json_bytes=settings.max_json_body_bytes,
    )  # inside the audit: its 400, 408 and 499 answers are audited
    app.add_middleware(audit.AuditMiddleware, log=AuditLog(settings.audit_dir, audit_key(settings)))
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, the audit's 503 too
    app.include_router(health.router)
    app.include_router(ingest.router)
    app.include_router(households.router)
    app.include_router(eligibility.router)
    app.include_router(warnings.router)
    app.include_router(discoveries.router)
    app.include_router(cases.router)
    app.include_router(persons.router)
    app.include_router(regions.router)
    app.include_router(screening.router)
    app.include_router(applications.router)
    app.include_router(publicity.router)
    app.include_router(referrals.router)
    app.include_router(funds.router)
    app.include_router(relief.router)
    app.include_router(conferences.router)
    app.include_router(reviews.router)
    app.include_router(webhooks.router)
    app.include_router(integrity.router)
    app.include_router(accounts.router)
    app.include_router(stats.router)  # S1-S3 (issue 19)
    app.include_router(console.router)  # the web console at / and /console/ (issue 8)
    if settings.dev_mode:
        app.include_router(console.dev_router)  # POST /dev/token, dev mode only
    app.openapi = problem_openapi(app)  # type: ignore[method-assign]
    return app


def app_from_environment() -> FastAPI:
    """The app of one `hhgraph serve --workers N` process, from its environment's settings."""
    return create_app(get_settings())
