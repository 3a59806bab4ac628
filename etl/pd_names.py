"""Names of people inside a text: a full-name shape after a word that points at a person ('đối tượng',
'chủ cơ sở', 'bà', …) or a standalone full name of three words or more, with or without diacritics, in
Title Case or capitals, Kinh and ethnic-minority names alike. Streets, wards and schools named after
historical figures ('đường Lê Lợi', 'Tổ dân phố Trần Phú') are places, not people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.pd_text import WORD, has_marks, is_capitalised, plain

SURNAMES = set((
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Trịnh Mai Trương Đinh Lâm "
    "Phùng Cao Tạ Hà Lương Chu Kiều Quách Tô Triệu Lưu Thái Vương Lại Khúc Mạc Đàm Diệp Giang Hứa Kim La Lã Lò "
    "Lục Mã Mẫn Nghiêm Ninh Nông Ông Phí Quan Sầm Tăng Thân Thạch Tiêu Tống Từ Ứng Vi Hầu Bế Sùng Giàng Vàng "
    "Lầu Mùa Thào Hạng Chảo Tẩn Bàn Lìu Điểu Ksor Siu Rơ Nay Rcom Rmah Kpă Niê Byă Êban Mlô Danh Sơn Châu Lữ "
    "Âu Doãn Khổng Khương Lục Mông Nhữ Phó Quàng Cầm Hờ Ly Vừ Cứ Pờ Chang Tòng Lường Sa Ma Hoàng Tôn Thiều "
    "Văn Y").split())
STANDALONE_SURNAMES = SURNAMES - {"Văn", "Y", "Sơn", "Quan", "Châu", "Kim", "Mai", "La", "Ma", "Sa", "Nay",
                                  "Chang", "Giang", "Ninh", "Thân", "Từ", "Cao", "Hà", "Thái", "Tôn", "Tăng"}
PLAIN_SURNAMES = {plain(s) for s in SURNAMES} - {"to", "van", "y", "ha", "ma", "la", "sa", "nay", "tu", "chu"}
PLAIN_STANDALONE = {plain(s) for s in STANDALONE_SURNAMES} - {"to", "tu", "chu", "ho", "do", "ha", "an"}
MIDDLE = {plain(w) for w in ("Văn Thị Đức Hữu Ngọc Minh Thanh Xuân Quang Công Quốc Duy Trọng Bá Đình Tiến Thế "
                             "Hồng Kim Mạnh Như Thu Phương A Seo Mí Sào Chí").split()}
# A word pointing at a person: the name that follows is a person's. Compared with diacritics when the
# text has them ('chị' points at a person, 'chỉ' does not), in plain form otherwise.
TRIGGERS = (
    "đối tượng", "chủ cơ sở", "chủ quán", "chủ nhà nghỉ", "chủ khách sạn", "chủ hộ", "chủ", "ông", "bà", "anh",
    "chị", "em", "cháu", "cô", "chú", "bác", "cụ", "người bán dâm", "người mua dâm", "người vi phạm", "học viên",
    "nạn nhân", "tiếp viên", "nhân viên", "quản lý", "bị can", "bị cáo", "nghi phạm", "tên", "họ tên",
    "họ và tên", "gái mại dâm", "nbd", "mr", "ms", "mrs", "học sinh", "thí sinh", "người lao động tên",
)
TRIGGERS_PLAIN = tuple(dict.fromkeys(plain(t) for t in TRIGGERS))
# A word naming a place or body: the name that follows is a place's ('đường Lê Lợi', 'TDP Trần Phú').
PLACES_PLAIN = {
    "duong", "pho", "phuong", "xa", "thi tran", "huyen", "quan", "tinh", "thanh pho", "tp", "tx", "thi xa",
    "to dan pho", "tdp", "khu pho", "kp", "khu", "thon", "xom", "ap", "ban", "buon", "lang", "to", "cum",
    "truong", "thcs", "thpt", "tieu hoc", "mam non", "mau giao", "dai hoc", "cau", "cho", "cong vien",
    "quang truong", "benh vien", "tram", "san", "nha van hoa", "khu dan cu", "kdc", "ngo", "hem", "kiet",
    "ngach", "dai lo", "tuyen", "tuyen duong", "tren", "nut giao", "p", "q", "d", "dg", "ql", "tl", "doan",
    "hoi", "den", "chua", "lang", "tuong dai", "nha tho", "ben", "khu cong nghiep", "kcn", "khu do thi",
    "chung cu", "toa nha", "khach san", "nha nghi", "karaoke", "quan", "nha hang", "massage", "co so",
    "cong ty", "cty", "doanh nghiep", "hop tac xa", "htx", "dia ban", "khu vuc", "vung", "doc", "deo", "song",
    "ho", "nui", "dao", "vinh", "bai", "bai bien", "lo", "dai", "dao tao", "ten duong", "ten pho",
}
# Historical figures whose names streets, wards and schools carry; never a person counted in a return.
FAMOUS = {plain(n) for n in (
    "Hồ Chí Minh", "Đinh Tiên Hoàng", "Nguyễn Thị Minh Khai", "Hoàng Văn Thụ", "Lê Hồng Phong", "Nguyễn Văn Cừ",
    "Nguyễn Văn Trỗi", "Trần Hưng Đạo", "Lý Thường Kiệt", "Lê Thánh Tông", "Võ Thị Sáu", "Phan Đình Phùng",
    "Phan Bội Châu", "Phan Chu Trinh", "Lý Thái Tổ", "Trần Quốc Toản", "Lê Quý Đôn", "Hai Bà Trưng",
    "Lê Đại Hành", "Trần Nhân Tông", "Nguyễn Tất Thành", "Võ Văn Kiệt", "Phạm Văn Đồng", "Tôn Đức Thắng",
    "Nguyễn Chí Thanh", "Hoàng Hoa Thám", "Bùi Thị Xuân", "Nguyễn Đình Chiểu", "Trần Quang Khải", "Nguyễn Văn Linh",
    "Nguyễn Thái Học", "Nguyễn Lương Bằng", "Trần Khánh Dư", "Lê Văn Tám", "Nguyễn Văn Thoại", "Trần Quốc Tuấn",
    "Ngô Gia Tự", "Trần Bình Trọng", "Phạm Ngũ Lão", "Nguyễn Công Trứ", "Lê Thị Hồng Gấm", "Nguyễn Hữu Thọ",
    "Trần Đại Nghĩa", "Lê Văn Lương", "Võ Nguyên Giáp", "Nguyễn Văn Cừ", "Hoàng Quốc Việt", "Tô Hiến Thành",
    "Lý Tự Trọng", "Phạm Hồng Thái", "Hà Huy Tập", "Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Nguyễn Du", "Lê Duẩn",
    "Hồ Tùng Mậu", "Đặng Thai Mai", "Võ Chí Công", "Lê Thánh Tôn", "Phạm Văn Bạch", "Kim Đồng", "Nguyễn Huệ",
    "Ngô Quyền", "Lê Hoàn", "Hàm Nghi", "Hồ Xuân Hương", "Đoàn Thị Điểm", "Bà Triệu", "Hai Bà Trưng",
)}
# Accented forms of the place words, compared when the text has diacritics ('cho' is 'for', 'chợ' a market).
PLACES = {
    "đường", "phố", "phường", "xã", "thị trấn", "huyện", "quận", "tỉnh", "thành phố", "tp", "tp.", "tx", "thị xã",
    "tổ dân phố", "tdp", "khu phố", "kp", "khu", "thôn", "xóm", "ấp", "bản", "buôn", "làng", "tổ", "cụm",
    "trường", "thcs", "thpt", "tiểu học", "mầm non", "mẫu giáo", "đại học", "cầu", "chợ", "công viên",
    "quảng trường", "bệnh viện", "trạm", "sân", "nhà văn hóa", "nhà văn hoá", "khu dân cư", "kdc", "ngõ", "hẻm",
    "kiệt", "ngách", "đại lộ", "tuyến", "tuyến đường", "trên", "nút giao", "p", "q", "đ", "đg", "ql", "tl",
    "đoàn", "hội", "đền", "chùa", "tượng đài", "nhà thờ", "bến", "khu công nghiệp", "kcn", "khu đô thị",
    "chung cư", "tòa nhà", "toà nhà", "khách sạn", "nhà nghỉ", "karaoke", "quán", "nhà hàng", "massage", "cơ sở",
    "công ty", "cty", "doanh nghiệp", "hợp tác xã", "htx", "địa bàn", "khu vực", "vùng", "dốc", "đèo", "sông",
    "hồ", "núi", "đảo", "vịnh", "bãi", "bãi biển", "lô", "đài", "tên đường", "tên phố", "đoạn", "đoạn phố",
    "câu lạc bộ", "clb", "mô hình", "giải", "cúp", "lớp", "chi hội", "chi đoàn", "đồn", "lữ đoàn", "trung đoàn",
}
NOT_GIVEN_WORDS = ("Tế Học Khoa Sĩ Dược Ban Phòng Hội Đội Sở Công Xã Huyện Tỉnh Phường Thị Trấn UBND HĐND Ủy Uỷ "
                   "Nhân Dân Kế Hoạch Quyết Định Báo Cáo Tổ Khu Phố Đường Thôn Xóm Trường Đoàn Thanh Niên Liên "
                   "Hiệp Phụ Nữ Mặt Trận Quốc Chỉ Đạo Tiêu Chí Văn Xã Hội Lao Động Thương Binh Y Tế Nội Vụ "
                   "Tư Pháp Cộng Sản Hồ Minh Việt Nam Karaoke Massage Nhà Nghỉ Khách Sạn Quý Năm Tháng Ngày Số Và "
                   "Các Của Tại Theo Về Đã Được Hà Nội Thành").split()
GIVEN_TOO = {"thanh", "minh", "thi", "van", "quoc", "xuan", "phu", "chi", "nam", "an"}
# Words that end a name run: compared with diacritics when the text has them ('Hóa' is not 'Hoa').
NOT_GIVEN = {w.casefold() for w in NOT_GIVEN_WORDS if plain(w) not in GIVEN_TOO}
NOT_GIVEN_PLAIN = {plain(w) for w in NOT_GIVEN_WORDS} - GIVEN_TOO
NOT_GIVEN_MARKED = {"chủ", "phó", "trưởng", "tịch", "bí", "thư", "ủy", "viên", "đồng", "chí"}
CLAN_FIRST = {"ksor", "siu", "ro", "rcom", "rmah", "kpa", "nie", "bya", "eban", "mlo", "y"}
NOT_AFTER_Y = {"te", "hoc", "khoa", "si", "duoc", "bac", "ta", "ly"}
VAN_WORDS = {"hoa", "ban", "phong", "minh", "nghe", "thu", "kien", "hien", "hoc", "chuong", "mau", "bang", "tu"}
NOT_TRIGGER_BEFORE = ("dong chi", "đồng chí")


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
    words = words_of(text)
    marked = has_marks(text)
    for i in range(len(words)):
        run = _name_run(text, words, i, marked)
        if len(run) < 2 or " ".join(w.flat for w in run) in FAMOUS:
            continue
        if _after_trigger(text, words, i, marked):
            return True
        if not _after_place(words, i, marked) and _standalone(run):
            return True
    return False


def _name_run(text: str, words: list[Word], i: int, marked: bool) -> list[Word]:
    """The words from i that could be a name: a surname, then given-name words (at most 4 in all)."""
    first = words[i]
    if not _is_surname(first, marked or has_marks(first.text)):
        return []
    capital = is_capitalised(first.text)
    run = [first]
    for nxt in words[i + 1:i + 4]:
        if not _joined(text, run[-1], nxt) or (capital and not is_capitalised(nxt.text)):
            break
        if not capital and len(run) == 1 and nxt.flat not in MIDDLE:
            break  # lower case: only 'lê văn tám', not 'vi phạm'
        if (nxt.folded in NOT_GIVEN if marked else nxt.flat in NOT_GIVEN_PLAIN) or nxt.folded in NOT_GIVEN_MARKED:
            break
        if run[0].flat == "y" and len(run) == 1 and nxt.flat in NOT_AFTER_Y:
            break
        run.append(nxt)
    return run


def _joined(text: str, left: Word, right: Word) -> bool:
    """Only spaces (or a hyphen inside a compound name) between two words: not a comma or a full stop."""
    return text[left.end:right.start].strip() == ""


def _is_surname(word: Word, marked: bool) -> bool:
    if re.match(r"H['’]\w", word.text):
        return True  # Ê Đê and Gia Rai women's names: H'Hen, H'Bia
    if marked:
        return word.text[:1].upper() + word.text[1:].lower() in SURNAMES
    return word.flat in PLAIN_SURNAMES or word.flat in CLAN_FIRST


def _standalone(run: list[Word]) -> bool:
    """A name with no pointing word: capitalised, the first a common surname, three words or more (two
    for names of the Central Highlands: 'Y Moan', "H'Hen Niê", "Ksor H'Bia")."""
    if all(is_capitalised(w.text) for w in run):
        if any(re.match(r"H['’]\w", w.text) for w in run) or run[0].flat in CLAN_FIRST:
            return True
        if len(run) < 3:
            return False
        if run[1].flat in ("van", "thi") and (run[1].flat == "thi" or run[2].flat not in VAN_WORDS):
            return True
        if has_marks(run[0].text):
            return run[0].text[:1] + run[0].text[1:].lower() in STANDALONE_SURNAMES
        return run[0].flat in PLAIN_STANDALONE and (run[1].flat in MIDDLE or all(not has_marks(w.text) for w in run))
    # lower case: 'nguyễn văn an', 'le thi hoa'
    return len(run) >= 3 and (run[1].flat == "thi" or (run[1].flat == "van" and run[2].flat not in VAN_WORDS))


def _after_trigger(text: str, words: list[Word], i: int, marked: bool) -> bool:
    if i == 0 or any(ch in text[words[i - 1].end:words[i].start] for ch in ",;.()"):
        return False
    before = " ".join((w.folded if marked else w.flat) for w in words[max(0, i - 5):i])
    if before.endswith(" là") or before.endswith(" la") or before in ("là", "la"):
        before = before[:-3].rstrip()  # 'đối tượng tên là …'
    if any(before == t or before.endswith(" " + t) for t in NOT_TRIGGER_BEFORE):
        return False
    return any(before == t or before.endswith(" " + t) for t in (TRIGGERS if marked else TRIGGERS_PLAIN))


def _after_place(words: list[Word], i: int, marked: bool) -> bool:
    """A place word just before: compared with its diacritics when the text has them."""
    for size in (1, 2, 3, 4):
        if i - size >= 0:
            before = words[i - size:i]
            if (" ".join(w.folded for w in before) in PLACES if marked
                    else " ".join(w.flat for w in before) in PLACES_PLAIN):
                return True
    return False
