"""The patient query: present and excluded findings, sex, onset, and their validation."""

from xpid.patient.build import build_patient, resolve_onset
from xpid.patient.model import Notice, Patient

__all__ = ["Notice", "Patient", "build_patient", "resolve_onset"]
