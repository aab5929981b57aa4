"""Disease profiles: the model, document-built profiles, panels and the profile store."""

from xpid.profiles.curated import (
    CuratedFinding,
    CuratedProfile,
    CuratedSource,
    ProfileProblem,
    load_profile,
    parse_profile_toml,
    validate_profile,
)
from xpid.profiles.model import (
    Annotation,
    AnnotationSource,
    DiseaseProfile,
    Origin,
    RelatedDisease,
    Relation,
    Status,
    annotation_frequency,
    mask_references,
)
from xpid.profiles.panels import Panel, PanelEntry, load_panels, parse_panel_toml
from xpid.profiles.store import (
    AnnotationTable,
    ProfileHeader,
    ProfileStore,
    UnknownDiseaseError,
    build_store,
    load_store,
)

__all__ = [
    "Annotation",
    "AnnotationSource",
    "AnnotationTable",
    "CuratedFinding",
    "CuratedProfile",
    "CuratedSource",
    "DiseaseProfile",
    "Origin",
    "Panel",
    "PanelEntry",
    "ProfileHeader",
    "ProfileProblem",
    "ProfileStore",
    "RelatedDisease",
    "Relation",
    "Status",
    "UnknownDiseaseError",
    "annotation_frequency",
    "build_store",
    "load_panels",
    "load_profile",
    "load_store",
    "mask_references",
    "parse_panel_toml",
    "parse_profile_toml",
    "validate_profile",
]
