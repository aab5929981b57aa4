"""An extraction as a GA4GH phenopacket v2 (a plain JSON-ready dict)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from xpid.extraction.model import Assertion, Extraction
from xpid.sex import Sex
from xpid.version import __version__

if TYPE_CHECKING:
    from xpid.extraction.demographics import Demographics

__all__ = ["extraction_to_phenopacket", "iso_duration"]


def iso_duration(years: float) -> str:
    """An age as an ISO 8601 duration, in whole years, months and days.

    >>> iso_duration(0.3333), iso_duration(2.0), iso_duration(1.5), iso_duration(0.04)
    ('P4M', 'P2Y', 'P1Y6M', 'P15D')
    """
    months = round(years * 12)
    if months == 0:
        return f"P{round(years * 365.25)}D"
    whole_years, months = divmod(months, 12)
    return "P" + (f"{whole_years}Y" if whole_years else "") + (f"{months}M" if months else "")


def extraction_to_phenopacket(
    extraction: Extraction,
    *,
    packet_id: str = "xpid-extraction",
    subject_id: str = "patient",
    created: datetime | None = None,
    demographics: Demographics | None = None,
) -> dict[str, Any]:
    """A phenopacket v2 holding the present and excluded findings of ``extraction``.

    Uncertain findings and findings of other people are left out. Each term appears once;
    a term both asserted and denied is written as present. ``metaData`` names xpid as the
    creator and the HPO release as the resource. With ``demographics``, the subject carries
    the sex and the age at the last encounter (an ISO 8601 duration) the note gave.

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
    subject: dict[str, Any] = {"id": subject_id}
    if demographics is not None and demographics.sex is not Sex.UNKNOWN:
        subject["sex"] = demographics.sex.value.upper()
    if demographics is not None and demographics.age_years is not None:
        subject["timeAtLastEncounter"] = {
            "age": {"iso8601duration": iso_duration(demographics.age_years)}
        }
    return {
        "id": packet_id,
        "subject": subject,
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
