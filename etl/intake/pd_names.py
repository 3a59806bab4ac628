"""Names of people inside a text: a full-name shape after a word that points at a person ('đối tượng',
'chủ cơ sở', 'bà', …) or a standalone full name of three words or more, with or without diacritics, in
Title Case or capitals, Kinh and ethnic-minority names alike. Streets, wards and schools named after
historical figures ('đường Lê Lợi', 'Tổ dân phố Trần Phú') are places, not people.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from etl.intake.pd_text import WORD, has_marks, plain
from etl.intake.pd_words import (
    CLAN_FIRST,
    COMMON_PAIRS,
    COMMON_PAIRS_PLAIN,
    FAMOUS,
    MIDDLE,
    NOT_AFTER_Y,
    NOT_GIVEN,
    NOT_GIVEN_MARKED,
    NOT_GIVEN_PLAIN,
    NOT_TRIGGER_BEFORE,
    PLACES,
    PLACES_PLAIN,
    PLAIN_STANDALONE,
    PLAIN_SURNAMES,
    STANDALONE_SURNAMES,
    STRONG,
    STRONG_PLAIN,
    SURE_SURNAMES,
    SURNAMES,
    TRIGGERS,
    TRIGGERS_PLAIN,
    VAN_WORDS,
)


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    flat: str     # plain: no marks, lower case
    folded: str   # lower case, marks kept

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def words_of(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), plain(m.group()), m.group().casefold()) for m in WORD.finditer(text)]


def has_name(text: str) -> bool:
    if not any(_may_start(token) for token in WORD.findall(text)):
        return False  # most notes: no word that can start a name
    words = words_of(text)
    marked = has_marks(text)
    excused_to = 0  # words inside a run already excused as a famous or place name ('phố Chu Văn An')
    for i in range(len(words)):
        run = _name_run(text, words, i, marked)
        if len(run) < 2 or i < excused_to:
            continue
        if any(" ".join(w.flat for w in run[:n]) in FAMOUS for n in range(2, len(run) + 1)):
            excused_to = i + len(run)
            continue
        if _after_trigger(text, words, i, marked):
            return True
        if _after_place(text, words, i, marked) or _is_place_word(run[0], marked):
            excused_to = i + len(run)
        elif _standalone(run):
            return True
    return False


def _shape(word: Word) -> str:
    """'title' (An, H'Bia, A), 'caps' (AN) or 'lower' (an)."""
    if word.text.islower():
        return "lower"
    return "caps" if word.text.isupper() and len(word.text) > 1 else "title"


def _same_shape(first: Word, nxt: Word) -> bool:
    """Words of one name are written alike: 'Nguyễn Văn An', 'NGUYỄN VĂN AN', 'nguyễn văn an' (a single
    capital letter, as in 'Giàng A Páo', fits both capitalised shapes)."""
    a, b = _shape(first), _shape(nxt)
    capitalised = ("title", "caps")
    return a == b or (a in capitalised and b in capitalised and (len(nxt.text) == 1 or len(first.text) == 1
                                                                 or _ede(nxt)))


def _name_run(text: str, words: list[Word], i: int, marked: bool) -> list[Word]:
    """The words from i that could be a name: a surname, then given-name words (at most 4 in all).
    Capitals and lower case carry no signal ('QUẢN LÝ VĂN BẢN', 'vi phạm'): there, the second word must
    be a middle name ('Văn', 'Thị', 'A') or the surname one that is no common word ('Nguyễn', 'Phạm')."""
    first = words[i]
    if not _is_surname(first):
        return []
    flat_shape = _shape(first) != "title"
    run = [first]
    for nxt in words[i + 1:i + 4]:
        if not _joined(text, run[-1], nxt) or not _same_shape(first, nxt):
            break
        if (flat_shape and len(run) == 1 and nxt.flat not in MIDDLE and not _strong(first, marked)
                and not _ede(nxt) and not _ede(first)):
            break
        if len(run) == 1 and _common_pair(first, nxt):
            break
        if (nxt.folded in NOT_GIVEN if marked else nxt.flat in NOT_GIVEN_PLAIN) or nxt.folded in NOT_GIVEN_MARKED:
            break
        if run[0].flat == "y" and len(run) == 1 and nxt.flat in NOT_AFTER_Y:
            break
        run.append(nxt)
    return run


def _joined(text: str, left: Word, right: Word) -> bool:
    """Only spaces between two words: not a comma, a full stop or a hyphen."""
    return text[left.end:right.start].strip() == ""


def _is_surname(word: Word) -> bool:
    return _surname_text(word.text)


@functools.lru_cache(maxsize=65536)
def _may_start(token: str) -> bool:
    """A word that may start a name, or the middle word a lower-case name needs."""
    if plain(token) in ("thi", "van", "a", "seo", "mi"):
        return True
    if not _surname_text(token):
        return False
    return not token.islower() or token.casefold() in STRONG or plain(token) in STRONG_PLAIN or "'" in token


@functools.lru_cache(maxsize=65536)
def _surname_text(text: str) -> bool:
    if re.match(r"[Hh]['’]\w", text):
        return True  # Ê Đê and Gia Rai women's names: H'Hen, H'Bia
    if text[:1].upper() + text[1:].lower() in SURNAMES:
        return True
    flat = plain(text)
    return flat == text.casefold() and (flat in PLAIN_SURNAMES or flat in CLAN_FIRST)


def _strong(word: Word, marked: bool) -> bool:
    return word.folded in STRONG or word.flat in CLAN_FIRST or (not has_marks(word.text) and word.flat in STRONG_PLAIN)


def _ede(word: Word) -> bool:
    return re.match(r"[Hh]['’]\w", word.text) is not None


def _common_pair(first: Word, nxt: Word) -> bool:
    """'tư vấn', 'đô thị', 'là thì' look like a surname and a middle name once the marks are gone."""
    pair = f"{first.folded} {nxt.folded}"
    return pair in COMMON_PAIRS or (not has_marks(first.text + nxt.text) and pair in COMMON_PAIRS_PLAIN)


def _middle_rule(run: list[Word]) -> bool:
    """Surname + Thị / Văn / A / Seo + a given name: 'Lê Thị Hoa', 'Hà Văn Thắm', 'Giàng A Páo' (not 'văn hóa')."""
    if len(run) < 3:
        return False
    second, third = run[1].flat, run[2].flat
    return second in ("thi", "a", "seo", "mi") or (second == "van" and third not in VAN_WORDS)


def _standalone(run: list[Word]) -> bool:
    """A name with no pointing word: the middle-name rule; or capitalised, three words or more, the first
    a common surname (two for names of the Central Highlands: 'Y Moan', "H'Hen Niê", "Ksor H'Bia")."""
    if any(re.match(r"[Hh]['’]\w", w.text) for w in run) or _middle_rule(run):
        return True
    if _shape(run[0]) != "title":
        return len(run) >= 3 and run[0].folded in SURE_SURNAMES  # 'NGUYỄN HOÀNG NAM', 'nguyen hoang nam'
    if run[0].flat in CLAN_FIRST:
        return True
    if len(run) < 3:
        return False
    if has_marks(run[0].text):
        return run[0].text[:1] + run[0].text[1:].lower() in STANDALONE_SURNAMES
    return run[0].flat in PLAIN_STANDALONE and (run[1].flat in MIDDLE or all(not has_marks(w.text) for w in run))


def _is_place_word(word: Word, marked: bool) -> bool:
    """'Duong Nguyen Du', 'Pho Le Loi', 'Ban Na Pha' without diacritics: the first word is the place's kind."""
    return (word.folded in PLACES) if marked else (word.flat in PLACES_PLAIN)


def _after_trigger(text: str, words: list[Word], i: int, marked: bool) -> bool:
    if i == 0 or any(ch in text[words[i - 1].end:words[i].start] for ch in ",;.()"):
        return False
    context = words[max(0, i - 6):i]
    if context and context[-1].flat == "la":
        context = context[:-1]  # 'đối tượng tên là …'
    folded = " ".join(w.folded for w in context)
    if any(folded == t or folded.endswith(" " + t) for t in NOT_TRIGGER_BEFORE):
        return False
    if any(folded == t or folded.endswith(" " + t) for t in TRIGGERS):
        return True
    for t in TRIGGERS_PLAIN:  # a pointing word typed without diacritics ('doi tuong'), even in a text with them
        tail = context[-len(t.split()):]
        if " ".join(w.flat for w in tail) == t and not any(has_marks(w.text) for w in tail):
            return True
    return False


def _after_place(text: str, words: list[Word], i: int, marked: bool) -> bool:
    """A place word just before (only spaces between): compared with its diacritics when the text has them."""
    if i == 0 or text[words[i - 1].end:words[i].start].strip():
        return False
    for size in (1, 2, 3, 4):
        if i - size >= 0:
            before = words[i - size:i]
            if (" ".join(w.folded for w in before) in PLACES if marked
                    else " ".join(w.flat for w in before) in PLACES_PLAIN):
                return True
    return False
