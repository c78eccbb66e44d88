"""The HTTP API (contract §3): thin FastAPI routes over the service functions."""

__all__ = [
    "app",
    "audit",
    "audit_chain",
    "dates",
    "deps",
    "disclosed",
    "errors",
    "headers",
    "masking",
    "models",
    "request_guard",
    "routes",
    "security",
    "services",
]
