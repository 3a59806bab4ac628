"""The shortcuts that make a 100 000-row bulk file cheap (bench/bulk.py) answer exactly as the row-by-row
code they stand in front of: parse_count's fast path for plain numbers, a total row ruled out by its own
indicator code, the personal-data scan answering a repeated cell once, the refresh summing a layer of
units at once (tests/storage/test_incremental_refresh.py proves that one against a full refresh). The oracles
below are the code as it was before the shortcuts."""
import gc
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.intake import excel, loader, personal_data
from etl.intake.numbers import _DECIMAL_COMMA, _PLAIN, _THOUSANDS, MAX_COUNT, NotANumber, parse_count


def reference_parse_count(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise NotANumber("not_integer")
    if isinstance(value, (int, float)):
        if value in (float("inf"), float("-inf")):
            raise NotANumber("too_large")
        if value != value or not float(value).is_integer():
            raise NotANumber("not_integer")
        number = int(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if text.endswith("%"):
            raise NotANumber("percent")
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("-+")
        if _PLAIN.match(text):
            number = int(text)
        elif _THOUSANDS.match(text):
            number = int(text.replace(".", ""))
        elif _DECIMAL_COMMA.match(text) and set(text.split(",")[1]) == {"0"}:
            number = int(text.split(",")[0])
        else:
            raise NotANumber("not_integer")
        number *= sign
    if number < 0:
        raise NotANumber("negative")
    if number > MAX_COUNT:
        raise NotANumber("too_large")
    return number


def outcome(fn, value):
    try:
        return "value", fn(value), type(fn(value))
    except NotANumber as exc:
        return "refused", exc.reason, None


EDGES = [0, -0.0, 0.0, 1, -1, MAX_COUNT, MAX_COUNT + 1, float(MAX_COUNT), MAX_COUNT + 0.5, 2 ** 63, 1e308,
         math.inf, -math.inf, math.nan, True, False, 3.0, 3.5, -3.0, "3", "1.234", "70%", "", " ", None]
CELLS = st.one_of(st.sampled_from(EDGES), st.integers(-2 * MAX_COUNT, 2 * MAX_COUNT),
                  st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                  st.integers(0, 10 ** 6).map(float), st.text(max_size=8))


@settings(max_examples=400, deadline=None)
@given(CELLS)
def test_parse_count_fast_path_answers_as_the_row_by_row_code(value):
    assert outcome(parse_count, value) == outcome(reference_parse_count, value)


def test_parse_count_edges():
    for value in EDGES:
        assert outcome(parse_count, value) == outcome(reference_parse_count, value), value


def reference_is_total(cells: dict) -> bool:
    text = " ".join(str(v) for v in cells.values() if isinstance(v, str)).casefold()
    indicator = str(cells.get("indicator_code") or "").casefold()
    return any(w in text for w in excel.TOTAL_WORDS) and (not indicator or any(w in indicator
                                                                               for w in excel.TOTAL_WORDS))


WORDS = st.sampled_from(["Tổng cộng", "TỔNG", "cộng", "Total", "tipoffs_handled", "tong", "15349", "", "Xã A",
                         "tổng_số", "Cộng dồn"])
CELL_VALUES = st.one_of(st.none(), WORDS, st.integers(0, 99), st.floats(allow_nan=False))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["locality_code", "indicator_code", "numerator", "denominator", "note",
                                        "text"]), CELL_VALUES))
def test_total_row_shortcut_answers_as_the_row_by_row_code(cells):
    assert excel._is_total(cells) == reference_is_total(cells)


GRID_VALUES = st.one_of(st.none(), st.just(""), st.integers(0, 10 ** 12), st.floats(allow_nan=False),
                        st.sampled_from(["0912 345 678", "Nguyễn Văn An", "kiểm tra 12 cơ sở", "15349", 2024,
                                         2024.0, 912345678, 912345678.0, "tipoffs_handled", "anh Trần Văn Bình"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(GRID_VALUES, max_size=6), max_size=12))
def test_scan_with_repeated_cells_finds_what_each_cell_alone_finds(grid):
    """The scan answers a repeated value once: every cell still gets its own problem, where and what."""
    expected = [(r + 1, c + 1, personal_data.cell_message(
                 personal_data.MSG["where"].format(sheet="S", row=r + 1, column=personal_data.get_column_letter(c + 1)),
                 personal_data.find(v)))
                for r, row in enumerate(grid) for c, v in enumerate(row)
                if v is not None and v != "" and personal_data.find(v)]
    found = [(p.row, p.column, p.message) for p in personal_data.scan("S", grid)]
    assert found == expected


def test_the_check_pauses_the_cyclic_collector_and_gives_it_back(tmp_path):
    seen = []
    with loader._cyclic_gc_paused():
        seen.append(gc.isenabled())
        with loader._cyclic_gc_paused():  # nested (load_file calls check): the outer one turns it back on
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        with loader._cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
    try:
        with loader._cyclic_gc_paused():
            raise RuntimeError
    except RuntimeError:
        pass
    assert gc.isenabled()


def reference_cell(row: list, col: int):
    value = row[col] if col < len(row) else None
    if isinstance(value, str):
        value = value.strip()
    return None if value == "" else value


ROW_VALUES = st.one_of(st.none(), st.just(""), st.just("  "), st.text(max_size=5), st.integers(-5, 5),
                       st.floats(allow_nan=False), st.sampled_from(["15349", " tipoffs_handled ", "xóa", "Tổng cộng"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(ROW_VALUES, max_size=9), max_size=8))
def test_rows_read_each_cell_as_the_cell_by_cell_code(rows):
    """The bulk sheet's rows, cells read inline: the same cells (stripped, blank as None, short rows padded)."""
    header = ["Mã địa bàn", "Năm", "Quý", "Mã chỉ số", "Tử số", "Mẫu số", "Ghi chú"]
    grid = [["Tiêu đề"], header, *rows]
    columns = {excel.heading_key(h): c for c, h in enumerate(header)}
    read = {r.row: r.cells for r in excel._sheet_rows("S", grid)}
    for number, cells in read.items():
        assert cells == {k: reference_cell(grid[number - 1], c) for k, c in columns.items()}
    assert set(read) <= set(range(3, len(grid) + 1))
