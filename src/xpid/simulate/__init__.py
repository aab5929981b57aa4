"""Simulated patients drawn from disease profiles (Phenomizer-style), as phenopackets."""

from xpid.simulate.generate import (
    DEFAULT_UNKNOWN_FREQUENCY,
    SIMULATED_MARKER,
    SimulatedCase,
    SimulationSettings,
    case_rng,
    simulate_case,
    simulate_cases,
    to_phenopacket,
)

__all__ = [
    "DEFAULT_UNKNOWN_FREQUENCY",
    "SIMULATED_MARKER",
    "SimulatedCase",
    "SimulationSettings",
    "case_rng",
    "simulate_case",
    "simulate_cases",
    "to_phenopacket",
]
