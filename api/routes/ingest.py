"""`POST /v1/ingest/{feed}`: department systems push a feed (province and batch roles)."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from api.deps import Feeder, GraphDep, SettingsDep
from api.errors import problem_responses
from api.models.ingest import IngestPublic
from api.services import ingest as service
from loaders.read import TooManyRecords
from loaders.records import FeedName

__all__ = ["router"]

router = APIRouter(tags=["ingest"])


async def _body(request: Request, limit: int) -> str:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is over {limit} bytes")
        chunks.append(chunk)
    try:
        return b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, "the body is not UTF-8") from exc


@router.post(
    "/v1/ingest/{feed}",
    responses=problem_responses(400, 401, 403, 413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def ingest(
    feed: FeedName, request: Request, graph: GraphDep, settings: SettingsDep, caller: Feeder
) -> IngestPublic:
    """Load a JSON array or JSON Lines body of one feed; bad records are rejected alone,
    each with its index, key and every field error; the good ones are applied."""
    body = await _body(request, settings.max_body_bytes)
    if not body.strip():
        raise HTTPException(400, "the body is empty: send a JSON array or JSON Lines")
    json_type = request.headers.get("content-type", "").split(";")[0].strip()
    if json_type == "application/json" and not body.lstrip("\ufeff \t\r\n").startswith("["):
        raise HTTPException(400, "an application/json body must be a JSON array of records")
    try:
        return await run_in_threadpool(
            service.ingest,
            graph.acting_as(caller.sub),  # updated_by on what it writes (issue 14 item 8)
            caller,
            feed,
            body,
            settings,
        )
    except TooManyRecords as exc:
        raise HTTPException(413, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.get(
    "/v1/ingest/rejects/{name}",
    responses=problem_responses(401, 403, 404),
    response_class=FileResponse,
)
async def rejects(name: str, settings: SettingsDep, caller: Feeder) -> FileResponse:
    """Every reject of one ingest request whose response could not list them all (JSON
    Lines, one reject a line, as `hhgraph load` writes them); only the caller who sent it
    may read it."""
    path = service.rejects_file(settings, caller, name)
    return FileResponse(path, media_type="application/x-ndjson")
