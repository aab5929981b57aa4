"""Disease profiles: the model, document-built profiles, panels, building and the store.

Modules, by job: :mod:`~xpid.profiles.model` (the profile values and the frequency rule),
:mod:`~xpid.profiles.curated` and :mod:`~xpid.profiles.panels` (the TOML files),
:mod:`~xpid.profiles.build` (HPOA rows to profiles and the merges),
:mod:`~xpid.profiles.packed` (the cached columns, the only module that knows the layout),
:mod:`~xpid.profiles.inputs` (input files and the cache key), :mod:`~xpid.profiles.store`
(the lazy store), :mod:`~xpid.profiles.load` (building and loading a store) and
:mod:`~xpid.profiles.counts` (diseases per term). Other packages import from here.
"""

from xpid.profiles.build import (
    build_profiles,
    extend_with_curated,
    hpoa_profiles,
    merge_annotations,
    merge_curated,
)
from xpid.profiles.counts import load_term_disease_counts, term_disease_counts
from xpid.profiles.curated import (
    CuratedFinding,
    CuratedProfile,
    CuratedSource,
    ProfileProblem,
    load_profile,
    parse_profile_toml,
    profile_file_name,
    validate_profile,
)
from xpid.profiles.inputs import (
    curated_profile_paths,
    panel_paths,
    store_cache_key,
)
from xpid.profiles.load import build_store, load_store, store_is_cached
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
from xpid.profiles.packed import STORE_FORMAT_VERSION, PackedStore
from xpid.profiles.panels import Panel, PanelEntry, load_panels, parse_panel_toml
from xpid.profiles.store import (
    AnnotationTable,
    ProfileHeader,
    ProfileStore,
    UnknownDiseaseError,
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
    "PackedStore",
    "Panel",
    "PanelEntry",
    "ProfileHeader",
    "ProfileProblem",
    "ProfileStore",
    "RelatedDisease",
    "Relation",
    "STORE_FORMAT_VERSION",
    "Status",
    "UnknownDiseaseError",
    "annotation_frequency",
    "build_profiles",
    "build_store",
    "curated_profile_paths",
    "extend_with_curated",
    "hpoa_profiles",
    "load_panels",
    "load_profile",
    "load_store",
    "load_term_disease_counts",
    "mask_references",
    "merge_annotations",
    "merge_curated",
    "panel_paths",
    "parse_panel_toml",
    "parse_profile_toml",
    "profile_file_name",
    "store_cache_key",
    "store_is_cached",
    "term_disease_counts",
    "validate_profile",
]
