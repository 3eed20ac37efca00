"""The "Cek Iklan" page: paste a job ad, see each discriminatory requirement highlighted with the law and
a neutral rewrite (:mod:`tangkas.fairness.ads`). Anonymous and cheap (a millisecond an ad); the form
is posted from this site only, and everything it echoes is escaped by the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse

from tangkas.fairness.ads import MAX_CHARS, AdCheck, Finding, check_ad
from tangkas.web.i18n import translator
from tangkas.web.pages import page_lang, render
from tangkas.web.security import same_origin

router = APIRouter(include_in_schema=False)
MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the ad's text, and the finding it shows when it is one."""

    text: str
    finding: Finding | None = None


@dataclass(frozen=True, slots=True)
class AdPage:
    title: str = ""
    text: str = ""
    checked: AdCheck | None = None
    title_pieces: list[Piece] = field(default_factory=list)
    text_pieces: list[Piece] = field(default_factory=list)
    too_long: bool = False

    @property
    def serious(self) -> list[Finding]:
        return [f for f in self.checked.findings if f.severity != "info"] if self.checked else []

    @property
    def by_law(self) -> list[tuple[str, list[Finding]]]:
        """The serious findings grouped by the law they break, in order of first appearance, so the
        law's words are read once."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.serious:
            groups.setdefault(finding.law, []).append(finding)
        return list(groups.items())

    @property
    def wording(self) -> list[tuple[str, list[str]]]:
        """Gendered words found, by lean (masculine first)."""
        found = self.checked.wording if self.checked else ()
        return [
            (lean, words)
            for lean in ("masculine", "feminine")
            if (words := [word for at, word in found if at == lean])
        ]

    @property
    def information(self) -> list[Finding]:
        return [f for f in self.checked.findings if f.severity == "info"] if self.checked else []


def pieces(text: str, findings: list[Finding]) -> list[Piece]:
    """``text`` cut at the findings' spans (the first of overlapping ones wins).

    >>> found = list(check_ad("", "Wanita, SMA").findings)
    >>> [(p.text, p.finding is not None) for p in pieces("Wanita, SMA", found)]
    [('Wanita', True), (', SMA', False)]
    """
    out: list[Piece] = []
    at = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < at:
            continue
        if finding.start > at:
            out.append(Piece(text[at : finding.start]))
        out.append(Piece(text[finding.start : finding.end], finding))
        at = finding.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


@router.get("/cek-iklan", response_class=HTMLResponse)
def ad_form(request: Request) -> HTMLResponse:
    return render(request, "fair_ads.html", AdPage())


@router.post("/cek-iklan", response_class=HTMLResponse)
def ad_check(
    request: Request,
    title: Annotated[str, Form(max_length=MAX_TITLE)] = "",
    text: Annotated[str, Form()] = "",
) -> HTMLResponse:
    if not same_origin(request):
        raise HTTPException(403, translator(page_lang(request))("form_expired"))
    if len(text) + len(title) > MAX_CHARS:
        return render(request, "fair_ads.html", AdPage(title, text[:MAX_CHARS], too_long=True), status=422)
    checked = check_ad(title, text, page_lang(request))
    in_title = [f for f in checked.findings if f.where == "title"]
    in_text = [f for f in checked.findings if f.where == "text"]
    page = AdPage(title, text, checked, pieces(title, in_title), pieces(text, in_text))
    return render(request, "fair_ads.html", page)
