"""An extraction as a GA4GH phenopacket v2 (a plain JSON-ready dict)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from xpid.extraction.model import Assertion, Extraction
from xpid.version import __version__

__all__ = ["extraction_to_phenopacket"]


def extraction_to_phenopacket(
    extraction: Extraction,
    *,
    packet_id: str = "xpid-extraction",
    subject_id: str = "patient",
    created: datetime | None = None,
) -> dict[str, Any]:
    """A phenopacket v2 holding the present and excluded findings of ``extraction``.

    Uncertain findings and findings of other people are left out. Each term appears once;
    a term both asserted and denied is written as present. ``metaData`` names xpid as the
    creator and the HPO release as the resource.

    >>> from xpid.extraction.model import Language, Mention
    >>> ex = Extraction((Mention("HP:0002014", "Diarrhea", 0, 9, "diarrhoea",
    ...     Assertion.EXCLUDED),), Language.en, "2025-01-16")
    >>> extraction_to_phenopacket(ex)["phenotypicFeatures"]
    [{'type': {'id': 'HP:0002014', 'label': 'Diarrhea'}, 'excluded': True}]
    """
    features: dict[str, dict[str, Any]] = {}
    for mention in extraction.mentions:
        if mention.assertion not in (Assertion.PRESENT, Assertion.EXCLUDED):
            continue
        feature = features.get(mention.term_id)
        if feature is None:
            feature = {"type": {"id": mention.term_id, "label": mention.label}}
            if mention.assertion is Assertion.EXCLUDED:
                feature["excluded"] = True
            features[mention.term_id] = feature
        elif mention.assertion is Assertion.PRESENT:
            feature.pop("excluded", None)
    when = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "id": packet_id,
        "subject": {"id": subject_id},
        "phenotypicFeatures": list(features.values()),
        "metaData": {
            "created": when,
            "createdBy": f"xpid {__version__}",
            "resources": [
                {
                    "id": "hp",
                    "name": "human phenotype ontology",
                    "url": "http://purl.obolibrary.org/obo/hp.owl",
                    "version": extraction.hpo_release,
                    "namespacePrefix": "HP",
                    "iriPrefix": "http://purl.obolibrary.org/obo/HP_",
                }
            ],
            "phenopacketSchemaVersion": "2.0",
        },
    }
