"""One way to read input files: gzip by magic bytes, UTF-8 with one error naming the file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from xpid.annotations import load_genes, load_hpoa
from xpid.datafiles import read_obo_release
from xpid.errors import DataError
from xpid.io import open_text, parse_text_file, read_input, read_text
from xpid.ontology.obo import load_obo_records
from xpid.profiles import load_panels, load_profile


def test_gzip_is_found_by_its_magic_bytes_not_its_name(tmp_path: Path, mini_dir: Path) -> None:
    plain = (mini_dir / "phenotype.hpoa").read_bytes()
    hidden = tmp_path / "phenotype.hpoa"  # gzip content without the suffix
    hidden.write_bytes(gzip.compress(plain))
    misnamed = tmp_path / "phenotype.hpoa.gz"  # plain content with it
    misnamed.write_bytes(plain)
    expected = load_hpoa(mini_dir / "phenotype.hpoa").rows
    assert load_hpoa(hidden).rows == expected
    assert load_hpoa(misnamed).rows == expected
    assert read_input(hidden, what="x") == plain


def test_every_reader_sniffs_gzip(tmp_path: Path, mini_dir: Path) -> None:
    obo = tmp_path / "hp.obo"
    obo.write_bytes(gzip.compress((mini_dir / "hp.obo").read_bytes()))
    assert read_obo_release(obo) == read_obo_release(mini_dir / "hp.obo")
    assert load_obo_records(obo) == load_obo_records(mini_dir / "hp.obo")
    genes = tmp_path / "genes_to_disease.tsv"
    genes.write_bytes(gzip.compress((mini_dir / "genes_to_disease.tsv").read_bytes()))
    assert load_genes(genes) == load_genes(mini_dir / "genes_to_disease.tsv")


def test_line_endings_read_as_in_text_mode(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(gzip.compress(b"a\r\nb\rc\n"))
    assert parse_text_file(path, lambda lines, source: list(lines), what="x") == [
        "a\n",
        "b\n",
        "c\n",
    ]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_text_that_is_not_utf8_is_one_error_with_file_and_line(
    tmp_path: Path, mini_dir: Path, compress: bool
) -> None:
    data = (mini_dir / "phenotype.hpoa").read_bytes()
    data = data.replace(b"Mini diabetes", b"Mini diab\xe9tes", 1)  # Latin-1, not UTF-8
    line = data[: data.index(b"\xe9")].count(b"\n") + 1
    path = tmp_path / "phenotype.hpoa"
    path.write_bytes(gzip.compress(data) if compress else data)
    with pytest.raises(DataError) as info:
        load_hpoa(path)
    message = str(info.value)
    assert message.startswith(f"cannot read annotation file {str(path)!r}: not UTF-8 text")
    assert f"(line {line}:" in message


def test_profile_panel_and_ontology_files_name_themselves(tmp_path: Path) -> None:
    bad = b'schema = 1\nid = "OMIM:1"\nname = "caf\xe9"\n'
    for name, load, what in (
        ("OMIM_1.toml", load_profile, "profile file"),
        ("panel.toml", lambda p: load_panels([p]), "panel file"),
        ("hp.obo", load_obo_records, "ontology file"),
    ):
        path = tmp_path / name
        path.write_bytes(bad)
        with pytest.raises(DataError, match=rf"^cannot read {what} .*{name}'?: not UTF-8 text"):
            load(path)


def test_broken_gzip_and_missing_files(tmp_path: Path) -> None:
    broken = tmp_path / "phenotype.hpoa.gz"
    broken.write_bytes(gzip.compress(b"#version: x\n" * 100)[:40])
    with pytest.raises(DataError, match="not a valid gzip file"):
        load_hpoa(broken)
    with pytest.raises(DataError, match="not a valid gzip file"):
        read_text(broken, what="annotation file")
    with pytest.raises(DataError, match=r"cannot read gene file .*missing\.tsv"):
        load_genes(tmp_path / "missing.tsv")
    with pytest.raises(DataError, match=r"cannot read ontology file .*missing\.obo"):
        with open_text(tmp_path / "missing.obo", what="ontology file") as handle:
            handle.read()
