"""Signing in to the pages as a browser does, for the page tests."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx2 import Response


def sign_in(client: TestClient, key: str, headers: dict[str, str] | None = None, **form: str) -> Response:
    """Open the sign-in page and post its form with its token (and ``form``'s other fields)."""
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    data = {"key": key, "csrf": token.group(1), **form}
    return client.post("/login", data=data, headers=headers, follow_redirects=False)
