"""``xpid simulate``: write simulated patients of some diseases as phenopacket v2 files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xpid.cli.context import check_output_dir, load_cli_knowledge_base, stderr, warn, write_error
from xpid.errors import ParameterError, XpidError
from xpid.profiles import UnknownDiseaseError
from xpid.simulate import (
    DEFAULT_UNKNOWN_FREQUENCY,
    SimulationSettings,
    simulate_cases,
    to_phenopacket,
)
from xpid.text.escape import json_dumps

__all__ = ["simulate_command"]


def simulate_command(
    ctx: typer.Context,
    disease_ids: Annotated[
        list[str] | None,
        typer.Argument(help="Disease ids, e.g. OMIM:304790.", show_default=False),
    ] = None,
    panel: Annotated[
        str | None, typer.Option("--panel", help="Simulate every disease of a panel.")
    ] = None,
    n: Annotated[int, typer.Option("--n", min=1, help="Cases per disease.")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    noise: Annotated[
        int, typer.Option("--noise", min=0, help="Unrelated random findings added per case.")
    ] = 0,
    imprecision: Annotated[
        float,
        typer.Option(
            "--imprecision",
            min=0.0,
            max=1.0,
            help="Probability that a finding is replaced by one of its parents.",
        ),
    ] = 0.0,
    excluded: Annotated[
        int,
        typer.Option(
            "--excluded",
            min=0,
            help="Excluded findings per case, from the disease's documented absences and "
            "very rare findings.",
        ),
    ] = 0,
    unknown_frequency: Annotated[
        float,
        typer.Option(
            "--unknown-frequency",
            min=0.0,
            max=1.0,
            help="Probability of drawing an annotation whose frequency is unknown.",
        ),
    ] = DEFAULT_UNKNOWN_FREQUENCY,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory the phenopackets are written to.")
    ] = Path("simulated"),
) -> None:
    """Draw seeded simulated patients from disease profiles and write them as phenopackets.

    Findings are drawn by annotation frequency, then made imprecise and noisy on request;
    each file names its diagnosis and is marked simulated in metaData.externalReferences.
    """
    kb = load_cli_knowledge_base(ctx)
    ids = list(disease_ids or [])
    if panel is not None:
        kb.panel_rows(panel)  # an unknown panel raises, naming the choices
        ids.extend(kb.store.panels[panel].disease_ids)
    if not ids:
        raise XpidError("give at least one disease id or --panel NAME.")
    settings = SimulationSettings(  # bad settings raise ParameterError, an XpidError
        seed=seed,
        noise=noise,
        imprecision=imprecision,
        excluded=excluded,
        unknown_frequency=unknown_frequency,
    )
    profiles = []
    for disease_id in dict.fromkeys(ids):
        profile = kb.profile(disease_id)
        if profile is None:
            raise UnknownDiseaseError(disease_id)
        profiles.append(profile)
    check_output_dir(out)
    written = 0
    for profile in profiles:
        try:
            cases = list(simulate_cases(kb.ontology, profile, n, settings))
        except ParameterError as exc:
            warn(f"{profile.id} skipped: {exc}")
            continue
        for case in cases:
            path = out / f"{case.id}.json"
            text = json_dumps(to_phenopacket(case, kb.ontology), indent=2)
            try:
                path.write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise write_error(path, exc) from None
            written += 1
    stderr().print(
        f"wrote {written} simulated phenopackets of {len(profiles)} diseases to {out}",
        highlight=False,
    )
