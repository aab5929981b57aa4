"""The CSR helpers against plain-Python references on generated rows."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from xpid.csr import csr_from_rows, gather_rows, row_of_entry, segment_max, segment_sum

rows_of_ints = st.lists(st.lists(st.integers(0, 50), max_size=5), max_size=8)


@given(rows_of_ints)
def test_rows_come_back_and_each_entry_knows_its_row(rows: list[list[int]]) -> None:
    indptr, indices = csr_from_rows(rows)
    assert (indptr.dtype, indices.dtype) == (np.int64, np.int32)
    assert [indices[indptr[i] : indptr[i + 1]].tolist() for i in range(len(rows))] == rows
    assert row_of_entry(indptr).tolist() == [i for i, row in enumerate(rows) for _ in row]


@given(rows_of_ints, st.data())
def test_gather_is_the_concatenation_of_the_chosen_rows(
    rows: list[list[int]], data: st.DataObject
) -> None:
    indptr, indices = csr_from_rows(rows)
    chosen = data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=10)) if rows else []
    values, lengths = gather_rows(indptr, indices, np.array(chosen, dtype=np.int64))
    assert values.tolist() == [v for r in chosen for v in rows[r]]
    assert lengths.tolist() == [len(rows[r]) for r in chosen]
    assert values.dtype == indices.dtype


@given(
    st.lists(st.lists(st.floats(-5, 5, allow_nan=False), max_size=4), min_size=1, max_size=6),
    st.integers(1, 3),
)
def test_segment_reductions(segments: list[list[float]], width: int) -> None:
    indptr, _ = csr_from_rows([[0] * len(s) for s in segments])
    flat = np.array([v for s in segments for v in s], dtype=np.float64)
    maxima = [max(s, default=-1.0) for s in segments]
    assert segment_max(flat, indptr, empty=-1.0).tolist() == maxima
    np.testing.assert_allclose(segment_sum(flat, indptr), [sum(s) for s in segments], atol=1e-9)
    wide = np.stack([flat * (k + 1) for k in range(width)])  # segments along axis 1
    expected = [
        [max((v * (k + 1) for v in s), default=0.0) for s in segments] for k in range(width)
    ]
    assert segment_max(wide, indptr, axis=1).tolist() == expected
