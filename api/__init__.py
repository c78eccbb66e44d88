"""The HTTP API (contract §3): thin FastAPI routes over the service functions."""
