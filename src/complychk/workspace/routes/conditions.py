"""A pack's conditions, generated from its features; every finding links here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response

from complychk.conditions.packs import Pack, available_packs
from complychk.errors import ComplychkError
from complychk.workspace import views
from complychk.workspace.checking import CheckService
from complychk.workspace.web import render

router = APIRouter()


def _pack(request: Request, name: str) -> Pack:
    service: CheckService = request.app.state.service
    if name not in available_packs(service.checker.pack_root):
        raise HTTPException(404, f"no pack {name!r} here")
    try:
        return service.pack(name)
    except ComplychkError as error:
        raise HTTPException(500, str(error)) from None


def _themes(pack: Pack) -> list[tuple[str, str, list[Any]]]:
    themes: dict[str, list[Any]] = {}
    for condition in sorted(pack.conditions, key=lambda c: (c.theme, c.id)):
        themes.setdefault(condition.theme, []).append(condition)
    return [(theme, views.anchor("theme", theme), cs) for theme, cs in themes.items()]


@router.get("/packs/{name}/conditions", include_in_schema=False)
def conditions_page(request: Request, name: str) -> Response:
    pack = _pack(request, name)
    return render(request, "conditions.html", pack=pack, themes=_themes(pack))


@router.get("/api/packs/{name}/conditions", tags=["conditions"])
def list_conditions(request: Request, name: str) -> dict[str, Any]:
    """The pack's conditions with their source citations and remedies, by theme then ID."""
    pack = _pack(request, name)
    return {
        "pack": pack.name,
        "version": pack.version,
        "title": pack.title,
        "conditions": [
            {
                "id": c.id,
                "title": c.title,
                "theme": c.theme,
                "severity": c.severity.value,
                "source": c.source,
                "citations": [{"key": s.key, "title": s.title, "url": s.url} for s in c.citations],
                "remedy": c.remedy,
                "tags": list(c.tags),
            }
            for _, _, cs in _themes(pack)
            for c in cs
        ],
    }
