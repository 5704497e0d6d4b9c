"""The bundled contexts are the published ones: canonicalizing 1EdTech's Open Badges and CLR
examples with them gives 1EdTech's own canonical forms; no other context is ever loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld

from optio.credentials.loader import UnknownContext, load_document
from optio.credentials.proof import canonical

VECTORS = Path(__file__).resolve().parent / "vectors"
EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"


@pytest.mark.parametrize("spec", ["ob", "clr"])
def test_the_bundled_contexts_give_1edtechs_canonical_forms(spec):
    example = json.loads((VECTORS / f"{spec}-example.json").read_text())

    def loader(url, options=None):
        if url == EXTENSIONS:  # not bundled: the example uses one term of it, given here
            term = "1EdTechJsonSchemaValidator2019"
            vccs = "https://purl.imsglobal.org/spec/vccs/v1p0/context.json#"
            return {
                "contextUrl": None,
                "documentUrl": url,
                "document": {"@context": {term: vccs + term}},
            }
        return load_document(url, options)

    found = jsonld.normalize(
        example,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader},
    )
    assert found == (VECTORS / f"{spec}-document-canon.txt").read_text()


def test_no_other_context_is_loaded():
    with pytest.raises(UnknownContext):
        load_document("https://example.com/context.json")
    with pytest.raises(jsonld.JsonLdError):
        canonical({"@context": "https://example.com/context.json", "name": "x"})
