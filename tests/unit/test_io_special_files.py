"""xpid.io reads regular files only, and user inputs up to a documented size."""

from __future__ import annotations

import gzip
import io
import os
import socket
from pathlib import Path

import pytest

from xpid.errors import DataError, UnreadableFileError
from xpid.io import (
    MAX_INPUT_BYTES,
    read_input,
    read_stream,
    read_text,
    require_regular_file,
)


def test_the_limit_is_16_mib() -> None:
    assert MAX_INPUT_BYTES == 16 * 2**20


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)  # opening it for reading would block: no writer
    with pytest.raises(UnreadableFileError) as info:
        read_input(fifo, what="phenopacket")
    assert info.value.problem == "a FIFO (named pipe), not a regular file"
    assert info.value.path == str(fifo)
    assert isinstance(info.value, DataError)
    with pytest.raises(UnreadableFileError, match="a FIFO"):
        read_text(fifo, what="data file")  # data files too
    with pytest.raises(UnreadableFileError, match="a FIFO"):
        require_regular_file(fifo, what="output")


def test_a_socket_and_a_directory_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(UnreadableFileError, match="a socket, not a regular file"):
            read_input(path, what="phenopacket")
    finally:
        server.close()
    with pytest.raises(UnreadableFileError, match="a directory, not a regular file"):
        read_input(tmp_path, what="phenopacket")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused() -> None:
    with pytest.raises(UnreadableFileError, match="a character device, not a regular file"):
        read_input(Path("/dev/zero"), what="text", limit=MAX_INPUT_BYTES)


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"{}")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    assert read_input(tmp_path / "b.json", what="phenopacket", limit=10) == b"{}"


def test_the_size_limit_before_and_after_gzip(tmp_path: Path) -> None:
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 100)
    assert len(read_input(exact, what="text", limit=100)) == 100
    with pytest.raises(UnreadableFileError, match="over the 0 MiB limit"):
        read_input(exact, what="text", limit=99)
    packed = tmp_path / "packed"
    packed.write_bytes(gzip.compress(b"y" * 1000))
    assert read_input(packed, what="text", limit=1000) == b"y" * 1000
    with pytest.raises(UnreadableFileError, match="once decompressed"):
        read_input(packed, what="text", limit=999)
    assert read_input(packed, what="data file") == b"y" * 1000  # no limit for data files


def test_standard_input_is_read_up_to_the_limit() -> None:
    assert read_stream(io.BytesIO(b"abc"), what="text", source="-", limit=3) == b"abc"
    with pytest.raises(UnreadableFileError, match="more than 0.0 MiB, over"):
        read_stream(io.BytesIO(b"abcd"), what="text", source="-", limit=3)


def test_a_nul_in_a_name_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="embedded null byte"):
        read_input(tmp_path / "a\0b", what="phenopacket")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_data_files_are_hashed_only_when_regular(tmp_path: Path) -> None:
    from xpid.datafiles import file_sha256

    fifo = tmp_path / "hp.obo"
    os.mkfifo(fifo)  # hashing it for a cache key would block
    with pytest.raises(UnreadableFileError, match="cannot read data file .*a FIFO"):
        file_sha256(fifo)
