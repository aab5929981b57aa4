"""Values read from a GA4GH phenopacket: one case and its phenotypic features."""

from __future__ import annotations

from dataclasses import dataclass

from xpid.sex import Sex

__all__ = ["FeatureRecord", "PhenopacketCase"]


@dataclass(frozen=True, slots=True)
class FeatureRecord:
    """One entry of ``phenotypicFeatures`` as written in the file (not yet validated).

    Attributes
    ----------
    id : str
        ``type.id`` verbatim (normally an HPO CURIE such as ``HP:0002014``).
    label : str
        ``type.label``; empty when absent.
    onset : str or None
        The feature's onset as an HPO onset class id (see
        :func:`xpid.phenopackets.reader.onset_class_of_days`), ``None`` when not given or
        not convertible (a timestamp).
    position : int
        Index of the entry in ``phenotypicFeatures``, for messages that name the field.
    """

    id: str
    label: str = ""
    onset: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class PhenopacketCase:
    """What xpid reads from one phenopacket, before any ontology check.

    Attributes
    ----------
    path : str
        The file the case came from (``"<input>"`` when parsed from memory).
    id : str
        The phenopacket ``id`` (the file stem when the field is absent).
    subject_id : str
        ``subject.id``; empty when absent.
    sex : Sex
        From ``subject.sex``; ``OTHER_SEX`` and ``UNKNOWN_SEX`` are ``Sex.UNKNOWN``.
    age_years : float or None
        ``subject.timeAtLastEncounter`` in years (an ISO 8601 age, or the start of an age
        range); ``None`` for onset classes, gestational ages, timestamps and when absent.
    present, excluded : tuple of FeatureRecord
        Features observed and features looked for and absent (``excluded: true``), in file
        order.
    onset : str or None
        The patient's onset class: the earliest onset among the present features and
        ``diseases[].onset`` (see :mod:`xpid.phenopackets.reader`).
    diagnoses : tuple of str
        Disease ids from ``interpretations[].diagnosis.disease`` and ``diseases[].term``
        (diseases marked ``excluded`` left out), in order of appearance, without duplicates.
    publications : tuple of str
        ``metaData.externalReferences[].id`` values that are ``PMID:`` or ``DOI:`` CURIEs.
    schema_version : str
        ``metaData.phenopacketSchemaVersion`` verbatim; empty when absent.
    repeated_keys : tuple of str
        Field paths of the keys given more than once in the file (the last value is used),
        such as ``subject.sex``; empty when there are none or the case was parsed from
        already decoded data.
    """

    path: str
    id: str
    subject_id: str
    sex: Sex
    age_years: float | None
    present: tuple[FeatureRecord, ...]
    excluded: tuple[FeatureRecord, ...]
    onset: str | None
    diagnoses: tuple[str, ...]
    publications: tuple[str, ...]
    schema_version: str
    repeated_keys: tuple[str, ...] = ()

    @property
    def n_features(self) -> int:
        """Number of phenotypic features, present and excluded."""
        return len(self.present) + len(self.excluded)
