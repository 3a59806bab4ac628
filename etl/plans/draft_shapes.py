"""The rule and values a clause states (DOMAIN.md's shapes), read from its words: the first quantity of
the clause is the target ("100% xã … ít nhất một hình thức": 100%), with the quantifier before it,
a range, a growth or a decrease, N/N units, a frequency turned into a yearly count, a deadline or two
milestones, a split by level, a zero target. Dates, years, document numbers and phone numbers are
never quantities. `Context` carries a list's quantifier and deadline to the clauses that follow."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMBER = r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\d/]|[.,]\d)"
COUNT_NOUN = (r"lượt|người|cơ sở|buổi|vụ án|vụ|cán bộ|học sinh|sinh viên|hội viên|đối tượng|tin báo|xã|phường|"
              r"thị trấn|khu phố|tổ dân phố|thôn|xóm|đơn vị|lần|cuộc|hộ|gia đình|tụ điểm|điểm|mô hình|lớp|"
              r"tài liệu|tờ rơi|bài|phóng sự|pa nô|băng rôn|doanh nghiệp|trường|chiến sĩ|tổ|đợt|đội|chủ|học viên")
UNIT_NOUN = r"khu phố|tổ dân phố|thôn|xóm|xã|phường|thị trấn|huyện|thị xã|đơn vị|cơ sở|trường|tổ"
QUANTIFIER = (r"(?P<q>ít nhất|tối thiểu|không dưới|trên|hơn|từ|đạt|phấn đấu|bảo đảm|đảm bảo|là|có|"
              r"không vượt quá|không quá|tối đa|dưới)\s+(?:(?:tỷ lệ|có|là|đạt)\s+)?$")
AT_MOST = {"không vượt quá", "không quá", "tối đa", "dưới"}
QUANTIFYING = {"ít nhất", "tối thiểu", "không dưới", "trên", "hơn", "từ", "đạt", "phấn đấu", "bảo đảm", "đảm bảo"}
WORD_NUMBER = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6}
PER_YEAR = {"tuần": 52, "tháng": 12, "quý": 4, "năm": 1}
LEVELS = {"tỉnh": "province", "huyện": "district", "xã": "commune", "cơ sở": "commune"}
REFERENCES = [r"\d{1,2}/\d{1,2}/\d{2,4}", r"\d+/[a-zđ]{2,}\S*", r"(?:số|ngày|tháng|điều|khoản|chương|phụ lục)\s+\d+",
              r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}", r"(?:năm|giai đoạn|đến|từ)\s+(?:19|20)\d{2}\b",
              r"(?<=liên ngành )178\b|(?<=đội )178\b|(?<=ktln )178\b"]   # the inspection teams are named "Đội … 178"
# "đến năm 2025" is a deadline; "tính đến cuối năm 2024" is the date of a count.
DEADLINE = re.compile(r"(?<!tính )đến\s+(?:hết\s+|cuối\s+)?năm\s+((?:19|20)\d{2})")
YEAR = re.compile(r"(?<!so với )(?<!đến )(?<!hết )(?<!cuối )năm\s+((?:19|20)\d{2})\b")
MILESTONE = re.compile(r"năm\s+((?:19|20)\d{2})\s*[,:]?\s*(?:(?:phấn đấu|đạt|là|có|thì)\s+)*"
                       rf"(?:(?:ít nhất|tối thiểu|trên)\s+)?{NUMBER}\s*%")
ZERO = re.compile(r"không\s+(?:để|đề|được để)?\s*(?:tái\s+)?(?:phát sinh|xuất hiện|hình thành|tái hoạt động|"
                  r"tái phát sinh|xảy ra)|không có [^;]{0,40}mới phát sinh|không để [^;]{0,60}(?:hoạt động|phát sinh) "
                  r"trở lại")
ALL_OF = re.compile(r"(?:tất cả|toàn bộ)\s+(?:các\s+)?(?:cơ sở|đối tượng|tin báo|người|học sinh|xã|phường|thôn|"
                    r"tổ dân phố|khu phố|cán bộ|đơn vị|hội viên|huyện|quận|thị xã|thành phố|tỉnh)")
# "Duy trì 590 xã, phường không có mại dâm": the number counts what exists; the target is to keep it.
KEEP = re.compile(r"giữ vững|không giảm|duy trì\s+(?:ổn định\s+)?(?:(?:gần|hơn|trên|khoảng|số)\s+)?"
                  r"(?:\d{1,3}(?:\.\d{3})+|\d+)\s+(?:xã|phường|thị trấn|thôn|khu phố|tổ dân phố|đơn vị)"
                  r"|duy trì\s+(?:các|số)\s+(?:xã|phường)[^;]{0,30}(?:lành mạnh|không có)")
HOTSPOT = re.compile(r"(?<!thời )(?<!địa )(?<!đặc )(?<!quan )điểm")


@dataclass(frozen=True)
class Shape:
    rule: str
    value: float | None = None
    value_high: float | None = None
    unit: str = ""
    year: int | None = None
    levels: tuple[str, ...] | None = None
    flags: tuple[str, ...] = ()


@dataclass
class Context:
    """What a sentence's earlier clauses said that its later ones carry."""
    quantifier: str | None = None
    deadline: int | None = None
    change: str | None = None       # "giảm 25% số … và 20% số …": the second share is a decrease too
    flags: list = field(default_factory=list)


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def mask(low: str) -> str:
    """Dates, document numbers, years and article numbers blanked (same length, so positions hold)."""
    for pattern in REFERENCES:
        low = re.sub(pattern, lambda m: " " * len(m.group()), low)
    return low


def read(low: str, context: Context | None = None) -> list[Shape]:
    """Every target the clause (lower case) states."""
    context = context or Context()
    if m := DEADLINE.search(low):
        context.deadline = int(m.group(1))      # carried to the clauses after it, even with no quantity here
    masked = mask(low)
    if found := _levels(masked):
        return found
    if found := _milestones(low):
        return found
    first = _first_quantity(masked)
    if KEEP.search(low):
        return [Shape("no_decrease")]
    if (zero := ZERO.search(low)) and (first is None or first[0] > zero.start()):
        return [Shape("at_most", 0.0, unit="điểm")] if HOTSPOT.search(low) else [Shape("qualitative")]
    shape = first[1] if first else None
    if shape is None:
        return []
    return [_dated(shape, low, context)]


def _levels(masked: str) -> list[Shape]:
    shares = list(re.finditer(rf"{NUMBER}\s*%", masked))
    if len(shares) < 2:
        return []
    out, seen = [], set()
    for i, m in enumerate(shares):
        segment = masked[m.end():shares[i + 1].start() if i + 1 < len(shares) else len(masked)]
        levels = tuple(dict.fromkeys(LEVELS[w] for w in re.findall(r"cấp (tỉnh|huyện|xã|cơ sở)", segment)))
        if not levels or seen & set(levels):
            return []
        seen |= set(levels)
        value = number(m.group(1))
        out.append(Shape("all" if value == 100 else "at_least", value, unit="%", levels=levels))
    return out


def _milestones(low: str) -> list[Shape]:
    found = list(MILESTONE.finditer(low))
    if len(found) < 2 and not (found and DEADLINE.search(low[:found[0].end()])):
        return []
    if len(found) == 1:
        return []       # one deadline: read as any other share, dated below
    return [Shape("cumulative_by", number(m.group(2)), unit="%", year=int(m.group(1))) for m in found]


def _first_quantity(masked: str) -> tuple[int, Shape] | None:
    """The clause's first quantity (where it starts, its shape), read with the words around it."""
    candidates = []
    for reader in (_range, _fraction, _frequency, _share, _count, _all_of):
        if found := reader(masked):
            candidates.append(found)
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])


def _quantifier(before: str) -> str | None:
    m = re.search(QUANTIFIER, before)
    return m.group("q") if m else None


def _range(masked: str):
    m = re.search(rf"(?:từ\s+)?{NUMBER}\s*(%?)\s*(?:đến|[-–])\s*{NUMBER}\s*(%|{COUNT_NOUN})(?!\w)", masked)
    if not m:
        return None
    low, high, unit = number(m.group(1)), number(m.group(3)), m.group(4)
    before = masked[:m.start()]
    if low > high or (m.group(2) and unit != "%"):
        return None
    change = re.search(r"(tăng|giảm)\s+$", before)
    rule = {"tăng": "growth", "giảm": "decrease"}[change.group(1)] if change and unit == "%" else "range"
    return m.start(), Shape(rule, low, high, unit)


def _fraction(masked: str):
    m = re.search(rf"(\d+)\s*/\s*(\d+)\s+({UNIT_NOUN})(?!\w)", masked)
    if not m:
        return None
    done, total = int(m.group(1)), int(m.group(2))
    if total == 0 or done > total:
        return None
    if done == total:
        return m.start(), Shape("n_of_n", float(total), unit="đơn vị")
    return m.start(), Shape("at_least", float(done), unit=m.group(3), flags=("guessed_unit",))


def _frequency(masked: str):
    """"một tháng một lần", "2 lần/năm", "mỗi quý … một buổi": a yearly count."""
    word = r"(\d+|một|hai|ba|bốn|sáu)"
    patterns = [(rf"{word}\s+(tuần|tháng|quý|năm)\s+(?:một|1|01)\s+lần", "every"),
                (rf"{word}\s+(?:lần|buổi)\s*(?:/|mỗi|một|trên|trong)\s*(tuần|tháng|quý|năm)", "times"),
                (rf"(?:mỗi|hằng|hàng)\s+(tuần|tháng|quý|năm)[^;%]{{0,80}}?(?:ít nhất|tối thiểu)?\s*{word}\s+"
                 r"(?:lần|buổi)(?!\w)", "each")]
    best = None
    for pattern, kind in patterns:
        m = re.search(pattern, masked)
        if not m or (best and best[0] <= m.start()):
            continue
        if kind == "each":
            period, count = m.group(1), m.group(2)
        else:
            count, period = m.group(1), m.group(2)
        n = WORD_NUMBER.get(count) or number(count)
        per_year = PER_YEAR[period] / n if kind == "every" else n * PER_YEAR[period]
        best = (m.start(), Shape("at_least", float(per_year), unit="lần/năm", flags=("guessed_unit",)))
    return best


def _share(masked: str):
    m = re.search(rf"{NUMBER}\s*%", masked)
    if not m:
        return None
    value, before = number(m.group(1)), masked[:m.start()]
    quantifier = _quantifier(before[-40:]) or ("từ" if re.match(r"\s*trở lên", masked[m.end():]) else None)
    # "khống chế tỷ lệ … ở mức 0,5%": held at or under
    if quantifier in AT_MOST or re.search(r"(?:khống chế|kiềm chế)[^;]{0,100}(?:ở|dưới) mức\s+$", before):
        return m.start(), Shape("at_most", value, unit="%", flags=("quantified",))
    if change := re.search(r"(tăng|giảm)\s+(?:thêm\s+)?(?:ít nhất\s+|tối thiểu\s+)?$", before):
        return m.start(), Shape("growth" if change.group(1) == "tăng" else "decrease", value, unit="%",
                                flags=("quantified",))
    rule = "all" if value == 100 and quantifier not in ("trên", "hơn") else "at_least"
    return m.start(), Shape(rule, value, unit="%", flags=("quantified",) if quantifier in QUANTIFYING else ())


def _count(masked: str):
    m = re.search(rf"{NUMBER}\s+({COUNT_NOUN})(?!\w)", masked)
    if not m:
        return None
    quantifier = _quantifier(masked[:m.start()][-40:])
    rule = "at_most" if quantifier in AT_MOST else "at_least"
    return m.start(), Shape(rule, number(m.group(1)), unit=m.group(2), flags=("quantified",))


def _all_of(masked: str):
    m = ALL_OF.search(masked)
    return (m.start(), Shape("all", 100.0, unit="%", flags=("quantified",))) if m else None


def _dated(shape: Shape, low: str, context: Context) -> Shape:
    """The deadline or year the clause (or, carried, its sentence) gives; the list's quantifier noted."""
    flags = [f for f in shape.flags if f != "quantified"]
    rule, year = shape.rule, None
    if "quantified" in shape.flags:
        context.quantifier = "yes"
    elif shape.unit == "%" and context.change and rule == "at_least" and not re.search(r"\bđược\b", low):
        rule = context.change       # a bare share joined by "và" to a change, with no verb of its own
        flags.append("carried")
    elif shape.unit == "%" and context.quantifier:
        flags.append("carried")
    context.change = rule if rule in ("growth", "decrease") else None
    if m := DEADLINE.search(low):
        context.deadline = year = int(m.group(1))
    elif m := YEAR.search(low):
        year = int(m.group(1))
    elif context.deadline and shape.unit == "%":
        year = context.deadline
        flags.append("carried")
    if year and rule in ("at_least", "all") and shape.unit == "%" and context.deadline == year:
        rule = "cumulative_by"
    return Shape(rule, shape.value, shape.value_high, shape.unit, year, shape.levels, tuple(dict.fromkeys(flags)))
