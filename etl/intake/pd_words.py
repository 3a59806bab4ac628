"""The word lists the name finder (etl/intake/pd_names.py) uses: surnames, middle names, words pointing at a
person, place words, historical figures' names. One reviewable file; add words here, not in the logic."""
from __future__ import annotations

from etl.intake.pd_text import plain

SURNAMES = set((
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Trịnh Mai Trương Đinh Lâm "
    "Phùng Cao Tạ Hà Lương Chu Kiều Quách Tô Triệu Lưu Thái Vương Lại Khúc Mạc Đàm Diệp Giang Hứa Kim La Lã Lò "
    "Lục Mã Mẫn Nghiêm Ninh Nông Ông Phí Quan Sầm Tăng Thân Thạch Tiêu Tống Từ Ứng Vi Hầu Bế Sùng Giàng Vàng "
    "Lầu Mùa Thào Hạng Chảo Tẩn Bàn Lìu Điểu Ksor Siu Rơ Nay Rcom Rmah Kpă Niê Byă Êban Mlô Danh Sơn Châu Lữ "
    "Âu Doãn Khổng Khương Lục Mông Nhữ Phó Quàng Cầm Hờ Ly Vừ Cứ Pờ Chang Tòng Lường Sa Ma Hoàng Tôn Thiều "
    "Văn Y").split())
STANDALONE_SURNAMES = SURNAMES - {"Văn", "Y", "Sơn", "Quan", "Châu", "Kim", "Mai", "La", "Ma", "Sa", "Nay",
                                  "Chang", "Giang", "Ninh", "Thân", "Từ", "Cao", "Hà", "Thái", "Tôn", "Tăng"}
PLAIN_SURNAMES = {plain(s) for s in SURNAMES}
# Surnames that are no common word: in capitals or lower case they still start a name after a pointing word.
STRONG = {s.casefold() for s in "Nguyễn Trần Phạm Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Trịnh Phùng Hoàng Lê Giàng Sùng".split()}
STRONG_PLAIN = {"nguyen", "pham", "huynh", "phung", "hoang", "sung", "giang"}
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
    "truong", "thcs", "thpt", "tieu hoc", "mam non", "mau giao", "dai hoc", "cau", "cong vien",
    "quang truong", "benh vien", "tram", "san", "nha van hoa", "khu dan cu", "kdc", "ngo", "hem", "kiet",
    "ngach", "dai lo", "tuyen", "tuyen duong", "nut giao", "p", "q", "d", "dg", "ql", "tl", "doan",
    "hoi", "chua", "lang", "tuong dai", "nha tho", "ben", "khu cong nghiep", "kcn", "khu do thi",
    "chung cu", "toa nha", "khach san", "nha nghi", "karaoke", "quan", "nha hang", "massage", "co so",
    "cong ty", "cty", "doanh nghiep", "hop tac xa", "htx", "dia ban", "khu vuc", "deo",
    "ho", "nui", "dao", "vinh", "bai bien", "ten duong", "ten pho",
    "thu vien", "hoc vien", "vien", "tnhh", "cp", "cong ty cp", "cong ty tnhh", "cty cp", "cty tnhh", "tap doan",
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
    "thư viện", "học viện", "viện", "tnhh", "cp", "công ty cp", "công ty tnhh", "cty cp", "cty tnhh", "tập đoàn",
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
COMMON_PAIRS = {"tư vấn", "đô thị", "là thì", "mà thì", "hộ thị"}
COMMON_PAIRS_PLAIN = {plain(p) for p in COMMON_PAIRS}
SURE_SURNAMES = {"nguyễn", "nguyen", "huỳnh", "huynh", "trịnh", "phùng"}
NOT_TRIGGER_BEFORE = ("dong chi", "đồng chí")
