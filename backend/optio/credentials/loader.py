"""The JSON-LD document loader of signing and verifying: the bundled contexts, nothing fetched.

A credential that names any other context cannot be canonicalized here, so it cannot verify:
what a context says is part of what is signed, and one fetched at run time could change.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

_HERE = Path(__file__).resolve().parent / "contexts"
BUNDLED = {
    CREDENTIALS_V2: "credentials-v2.json",
    OB_V3: "ob-v3p0-3.0.3.json",
    CLR_V2: "clr-v2p0-2.0.1.json",
}


class UnknownContext(ValueError):
    """A context URL that is not bundled."""


@functools.cache
def _context(url: str) -> dict[str, Any]:
    return json.loads((_HERE / BUNDLED[url]).read_text(encoding="utf-8"))


def load_document(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's documentLoader: a bundled context, else UnknownContext."""
    if url not in BUNDLED:
        raise UnknownContext(f"the context {url} is not one this verifier holds")
    return {"contextUrl": None, "documentUrl": url, "document": _context(url)}
