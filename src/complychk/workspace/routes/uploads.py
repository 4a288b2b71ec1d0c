"""Uploading proposal files, one or many: each is checked and stored, or shown with its error."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from complychk.workspace import auth, store
from complychk.workspace.routes.schemas import UploadResults
from complychk.workspace.settings import Settings
from complychk.workspace.web import get_session, render

router = APIRouter()


async def _read(request: Request) -> tuple[list[tuple[str, str | bytes]], str | None]:
    """Every uploaded file as (name, bytes), and the application they are for, if named.

    Raises:
        HTTPException: the application named is not a valid name.
    """
    settings: Settings = request.app.state.settings
    files: list[tuple[str, str | bytes]] = []
    async with request.form(max_files=1000, max_part_size=settings.max_upload_bytes + 1) as form:
        slug = str(form.get("application") or "").strip() or None
        if slug is not None and not store.valid_slug(slug):
            raise HTTPException(
                422, f"{slug!r}: an application name is lower-case letters, digits and hyphens"
            )
        auth.require_application(request, slug)
        for item in form.getlist("files"):
            if not isinstance(item, UploadFile) or not item.filename:
                continue
            data = await item.read(settings.max_upload_bytes + 1)
            files.append((store.plain_file_name(item.filename), data))
    return files, slug


def _import(
    request: Request,
    session: Session,
    files: list[tuple[str, str | bytes]],
    slug: str | None = None,
) -> list[store.Imported]:
    settings: Settings = request.app.state.settings
    results = []
    for name, data in files:
        if len(data) > settings.max_upload_bytes:
            results.append(
                store.Imported(
                    name,
                    error=f"{name}:1:1: the file is larger than {settings.max_upload_bytes} "
                    "bytes (split the proposal or remove what it does not need)",
                )
            )
        else:
            results.extend(
                store.import_texts(
                    session,
                    request.app.state.service,
                    [(name, data)],
                    settings.assessment_date(),
                    slug,
                    auth.actor(request).name,
                )
            )
    return results


def imported_doc(result: store.Imported) -> dict[str, Any]:
    if result.submission is None:
        return {"file_name": result.file_name, "stored": False, "error": result.error}
    return {
        "file_name": result.file_name,
        "stored": True,
        "application": result.submission.application.slug,
        "number": result.submission.number,
        "blocks": result.submission.blocks,
    }


@router.get("/upload", include_in_schema=False)
def upload_page(request: Request) -> Response:
    return render(request, "upload.html", results=[], error="")


@router.post("/upload", include_in_schema=False)
async def upload_form(request: Request) -> Response:
    files, slug = await _read(request)
    with request.app.state.sessions() as session:
        results = _import(request, session, files, slug)
        if not files:
            return render(
                request,
                "upload.html",
                results=[],
                status_code=400,
                error="Choose one or more proposal files to upload.",
            )
        return render(request, "upload.html", results=results, error="")


@router.post("/api/uploads", tags=["uploads"], response_model=UploadResults)
async def upload(
    request: Request, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    """Upload proposal files (multipart field ``files``, repeatable). Each is checked and stored
    as its application's next submission (the application is the form field ``application``
    if given, else the proposal's ID without a trailing date);
    a bad file is listed with its one-line error and nothing is stored for it."""
    files, slug = await _read(request)
    return {"results": [imported_doc(r) for r in _import(request, session, files, slug)]}
