"""HPO disease annotations: frequencies, the ``phenotype.hpoa`` rows and the gene map."""

from xpid.annotations.frequency import (
    FREQUENCY_TERMS,
    UNKNOWN_FREQUENCY,
    Frequency,
    FrequencyError,
    FrequencyKind,
    parse_frequency,
)
from xpid.annotations.genes import Gene, load_genes, parse_genes
from xpid.annotations.hpoa import HPOA_COLUMNS, Aspect, HpoaFile, HpoaRow, load_hpoa, parse_hpoa

__all__ = [
    "Aspect",
    "FREQUENCY_TERMS",
    "Frequency",
    "FrequencyError",
    "FrequencyKind",
    "Gene",
    "HPOA_COLUMNS",
    "HpoaFile",
    "HpoaRow",
    "UNKNOWN_FREQUENCY",
    "load_genes",
    "load_hpoa",
    "parse_frequency",
    "parse_genes",
    "parse_hpoa",
]
