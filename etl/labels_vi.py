"""Every Vietnamese word the product shows: statuses, rules, column names, messages.

Kept in one file so that a translation is one file. Code uses the English keys.
"""
from __future__ import annotations

STATUS = {
    "met": "Đạt",
    "on_track": "Đúng tiến độ",
    "behind": "Chậm tiến độ",
    "not_met": "Không đạt",
    "no_data": "Chưa có số liệu",
}
# Icons so that status never rests on colour alone (colour-blind users, black-and-white print).
STATUS_ICON = {"met": "✔", "on_track": "➜", "behind": "⚠", "not_met": "✖", "no_data": "○"}

RULE = {
    "at_least": "Ít nhất",
    "all": "Toàn bộ (100%)",
    "n_of_n": "Đủ số đơn vị",
    "at_most": "Không vượt quá",
    "range": "Trong khoảng",
    "growth": "Tăng hằng năm",
    "no_decrease": "Giữ vững (không giảm)",
    "cumulative_by": "Lũy kế đến hạn",
    "qualitative": "Định tính (đã/chưa thực hiện)",
}

TARGET_WORDS = {  # what a target asks, in a few words (etl/model/target_words.py: pages, exports, the template)
    "at_least": "≥ {value}{unit}",
    "all": "100%",
    "n_of_n": "{value}/{value} đơn vị",
    "at_most": "≤ {value}{unit}",
    "none": "0{unit} (không phát sinh)",
    "range": "{value}–{high}{unit}",
    "growth": "tăng ≥ {value}%/năm",
    "growth_range": "tăng {value}–{high}%/năm",
    "no_decrease": "không giảm so với năm trước",
    "cumulative_by": "{value}% đến năm {year}",
    "cumulative": "{value}%",
    "qualitative": "Đã thực hiện",
}

LEVEL = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã", "neighbourhood": "Thôn, tổ dân phố"}

# "12/15 xã đã báo cáo": what a unit of each level is called in a sentence.
UNIT_WORD = {"province": "tỉnh", "district": "huyện", "commune": "xã", "neighbourhood": "khu phố, thôn, tổ dân phố"}

QUARTER_SCOPE = {"sum": "trong quý", "last": "lũy kế từ đầu năm"}

# Bulk sheet columns (DOMAIN.md contract): canonical key -> heading as printed.
BULK_COLUMNS = {
    "locality_code": "Mã địa bàn",
    "year": "Năm",
    "quarter": "Quý",
    "indicator_code": "Mã chỉ số",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "note": "Ghi chú",
}

DEMO = {
    "step": "[{i}/{n}] {what}",
    "step_init": "Khởi tạo cơ sở dữ liệu, địa bàn và danh mục kế hoạch…",
    "step_plan": "Sinh và nạp các tệp Excel minh họa của kế hoạch {plan}…",
    "step_accounts": "Tạo tài khoản minh họa…",
    "summary": "Đã tạo CSDL minh họa: {files} tệp Excel, {rows} dòng số liệu.",
    "kept": "Các tệp Excel được giữ tại {folder}.",
    "submitter": "Cán bộ tổng hợp (minh họa)",
    "bulk_title": "BÁO CÁO SỐ LIỆU PHÒNG, CHỐNG MẠI DÂM QUÝ {quarter}/{year}",
    "bulk_title_default": "Số liệu báo cáo",
    "bulk_sheet": "Dữ liệu",
    "notes": ["Đã ban hành kế hoạch và tổ chức triển khai", "Đã lồng ghép trong chương trình công tác",  # evidence
              "Đã tổ chức 01 lớp tập huấn", "Đã rà soát, lập danh sách theo dõi"],  # of a qualitative target done
    "in_progress": "Đang triển khai",
}
CHROME = {  # texts put in place of Streamlit's own English ones (dashboard/chrome.py)
    "upload_button": "Chọn tệp",
    "upload_limit": "Tối đa {mb} MB mỗi tệp",
    "heatmap_phone": ("Trên màn hình hẹp các ô chỉ hiện màu (thứ tự cột như bảng dưới): chạm vào một ô để xem chỉ tiêu "
                      "và kết quả, hoặc mở “Xem dạng bảng”."),
    "upload_refused": "Không nhận tệp này: tệp lớn hơn {mb} MB hoặc không đúng loại tệp.",
}
DEMO_BANNER = "Dữ liệu minh họa: các số liệu báo cáo trên trang này được sinh tự động để trình diễn, không phải số liệu thật."

MSG = {
    # file-level
    "file_missing": "Không tìm thấy tệp '{name}'.",
    "file_empty": "Tệp '{name}' rỗng (0 byte).",
    "file_too_large": "Tệp '{name}' quá lớn ({size_mb:.1f} MB); giới hạn là {limit_mb} MB.",
    "not_xlsx_ole": "Tệp '{name}' không phải tệp .xlsx: đây là tệp Excel cũ (.xls) hoặc tệp đã đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu nếu có và lưu lại dạng 'Excel Workbook (.xlsx)'.",
    "not_xlsx": "Tệp '{name}' không phải tệp Excel .xlsx thật (có thể là CSV, PDF hoặc tệp đổi đuôi). Hãy lưu lại dạng 'Excel Workbook (.xlsx)'.",
    "xlsx_macro": "Tệp '{name}' có chứa macro (VBA). Vì an toàn, chỉ nhận tệp .xlsx không có macro.",
    "zip_bomb": "Tệp '{name}' khi giải nén lớn bất thường ({ratio:.0f} lần kích thước tệp); tệp bị từ chối vì có thể gây hại.",
    "xlsx_damaged": "Tệp '{name}' bị hỏng, không đọc được ({detail}).",
    "no_figures": "Tệp '{name}' không có số liệu nào: các ô Tử số, Mẫu số đều trống.",
    "formula_no_value": "Sheet '{sheet}', ô {cell}: công thức chưa có giá trị tính sẵn (tệp chưa được mở và lưu bằng Excel). Hãy mở tệp bằng Excel, lưu lại rồi gửi lại, hoặc ghi số thay cho công thức.",
    "personal_data": "{where}: ô này có vẻ chứa {kind}. Báo cáo chỉ được chứa số liệu tổng hợp: không ghi họ tên, số CCCD/CMND, số điện thoại, địa chỉ hay ngày sinh của cá nhân. Hãy xóa các thông tin này rồi gửi lại.",
    "pd_name": "họ tên người",
    "pd_id_number": "số CCCD/CMND",
    "pd_phone": "số điện thoại",
    "pd_address": "địa chỉ của cá nhân",
    "pd_birth": "ngày sinh của cá nhân",
    "ytd_decreased": "{where}: {numerator} thấp hơn số đã báo cáo đến quý {previous_quarter} ({previous}); chỉ số '{indicator}' là số lũy kế từ đầu năm nên không thể giảm.",
    # warnings: shown before confirming, stored with the return
    "warn_untracked": "Dòng {row} (sheet '{sheet}'): chỉ số '{indicator}' không có trong kế hoạch của địa bàn {locality} năm {year}; số liệu vẫn được ghi.",
    "warn_jump": "Dòng {row} (sheet '{sheet}'): {column} {value} khác xa các quý trước của địa bàn {locality} ({history}); hãy kiểm tra lại.",
    "warn_stock_change": "Dòng {row} (sheet '{sheet}'), địa bàn {locality}: mẫu số {value} thay đổi hơn 1/3 so với quý {previous_quarter} ({previous}); hãy kiểm tra lại.",
    "warn_where": "Dòng {row} (sheet '{sheet}')",
    "warn_far_from_predecessors": ("{where}: số liệu đầu tiên sau sắp xếp của {unit} cho chỉ số '{indicator}' có {column} {value} "
                                   "(quý {quarter}/{year}), khác xa tổng số liệu các đơn vị cũ trước sắp xếp "
                                   "({previous}, quý {previous_quarter}/{previous_year}); hãy kiểm tra lại."),
    "era_numerator": "tử số",
    "era_denominator": "mẫu số",
    "no_bulk_sheet": "Tệp '{name}' không có trang tính nào có dòng tiêu đề gồm các cột: {columns}.",
    "already_loaded": "Tệp '{name}' giống hệt số liệu đã nạp trước đó: không có gì thay đổi.",
    "db_busy": "Cơ sở dữ liệu '{path}' đang được một chương trình khác ghi (có thể là ứng dụng đang mở). Đã chờ {seconds:.0f} giây. Hãy nạp tệp qua trang 'Nộp báo cáo' của ứng dụng, hoặc đóng ứng dụng rồi chạy lại lệnh.",
    "trial_name": "(xem trước)",  # file name and sender of a trial load (rolled back) that a preview reads
    # cell-level: where = "Sheet 'X', dòng N, cột 'Y'"
    "where": "Sheet '{sheet}', dòng {row}, cột '{column}'",
    "missing_value": "{where}: thiếu giá trị.",
    "not_integer": "{where}: '{value}' không phải số nguyên không âm.",
    "percent_in_count": "{where}: '{value}' là tỷ lệ phần trăm; hãy ghi số đếm (ví dụ 37 cơ sở), không ghi %.",
    "negative": "{where}: {value} là số âm.",
    "bad_year": "{where}: năm '{value}' không hợp lệ.",
    "bad_quarter": "{where}: quý '{value}' không hợp lệ; chỉ nhận 1, 2, 3 hoặc 4.",
    "future_quarter": "{where}: quý {quarter}/{year} chưa bắt đầu, chưa thể báo cáo.",
    "unknown_locality": "{where}: mã địa bàn '{value}' không có trong danh mục đơn vị hành chính tại quý {quarter}/{year}.",
    "era_old_code": ("Mã {code} là của {name}, đơn vị trước sắp xếp, không còn từ ngày 01/07/2025 nên không dùng "
                     "cho quý {quarter}/{year}.{use}"),
    "era_use_successor": " Hãy ghi mã của đơn vị kế thừa: {name} (mã {code}).",
    "era_new_code": ("Mã {code} là của {name}, đơn vị mới có từ ngày 01/07/2025 nên không dùng cho quý "
                     "{quarter}/{year}.{use}"),
    "era_use_predecessors": " Số liệu trước ngày 01/07/2025 báo cáo theo mã của các đơn vị cũ: {names}.",
    "outside_scope": "{where}: địa bàn '{value}' nằm ngoài phạm vi tài khoản được báo cáo (địa bàn của tài khoản và các đơn vị trực thuộc).",
    "ambiguous_locality": "{where}: mã địa bàn '{value}' không rõ (khớp nhiều đơn vị: {candidates}); hãy ghi đủ chữ số, định dạng ô là Văn bản.",
    "unknown_indicator": "{where}: mã chỉ số '{value}' không có trong danh mục chỉ số.",
    "numerator_gt_denominator": "{where}: {numerator} lớn hơn mẫu số {denominator}.",
    "zero_denominator": "{where}: mẫu số bằng 0 nhưng tử số là {numerator}.",
    "denominator_required": "{where}: chỉ số '{indicator}' là tỷ lệ, cần ghi mẫu số.",
    "denominator_for_count": "{where}: chỉ số '{indicator}' là số đếm, không có mẫu số; hãy để trống ô này.",
    "qualitative_value": "{where}: chỉ số '{indicator}' là định tính: ghi 1 (đã thực hiện) hoặc 0 (chưa thực hiện).",
    "duplicate_conflict": "{where}: địa bàn {locality}, chỉ số '{indicator}', quý {quarter}/{year} đã có ở dòng {first_row}{first_sheet} với số liệu khác.",
    "duplicate_same": "Dòng {row} (sheet '{sheet}') lặp lại dòng {first_row}{first_sheet} (cùng địa bàn {locality}, chỉ số, quý và số liệu): chỉ ghi một lần.",
    "duplicate_other_sheet": " của sheet '{sheet}'",
    # outcome
    "refused": "Tệp '{name}' bị từ chối, không có số liệu nào được ghi. {count} lỗi:",
    "loaded": "Đã nạp tệp '{name}': {new} báo cáo mới, {replaced} báo cáo thay thế phiên bản trước, {unchanged} báo cáo không đổi ({rows} dòng số liệu).",
}

# Every view is year-to-date: quarter q means 1 January to the end of quarter q.
PERIOD = {1: "Quý I", 2: "6 tháng đầu năm", 3: "9 tháng", 4: "Cả năm"}
PERIOD_OF_YEAR = {1: "quý I/{year}", 2: "6 tháng đầu năm {year}", 3: "9 tháng năm {year}", 4: "năm {year}"}

UI = {
    "app_title": "Theo dõi kế hoạch phòng, chống mại dâm",
    "group_monitor": "Theo dõi",
    "plan": "Kế hoạch",
    "year": "Năm",
    "period": "Kỳ báo cáo",
    "no_plans": "Chưa có kế hoạch nào trong cơ sở dữ liệu. Hãy chạy: python -m etl init.",
    "unit_outside_plan": ("Địa bàn mã {code} không thuộc địa bàn của kế hoạch đã chọn (hoặc tài khoản "
                          "không được xem) trong năm {year}; trang đang hiển thị {name}."),
    "link_value_unknown": ("Đường dẫn ghi {what} «{value}», không có trong danh sách (hoặc tài khoản không được "
                           "xem): trang đang hiển thị lựa chọn mặc định."),
    "summary": "{met} chỉ tiêu đạt, {on_track} đúng tiến độ, {behind} chậm tiến độ, {not_met} không đạt, {no_data} chưa có số liệu (trên {total} chỉ tiêu).",
    "chart_actual": "Kết quả",
    "chart_target": "Chỉ tiêu cả năm",
    "col_indicator": "Chỉ tiêu",
    "col_target": "Mức chỉ tiêu",
    "col_actual": "Kết quả",
    "col_fraction": "Tử số / mẫu số",
    "col_status": "Trạng thái",
    "col_clause": "Trích kế hoạch",
    "actual_done": "Đã thực hiện",
    "actual_not_done": "Chưa thực hiện",
    "expected_growth": "tăng ≥ {expected}",
    "hover_fraction": "Tử số/mẫu số",
    "period_quarter": "Quý {quarter}/{year}",
    "group_reports": "Báo cáo",
    "page_upload": "Nộp báo cáo quý",
    "template_header": "1. Tải mẫu báo cáo",
    "template_help": "Nhập mã địa bàn (ví dụ 15349), năm và quý để tải mẫu có sẵn các chỉ số của kế hoạch.",
    "locality_code": "Mã địa bàn",
    "quarter": "Quý",
    "template_button": "Tải mẫu báo cáo (.xlsx)",
    "template_unknown": "Không có địa bàn mã '{code}' tại quý {quarter}/{year}.",
    "upload_header": "2. Nộp báo cáo",
    "sender": "Người gửi (chức danh, đơn vị)",
    "sender_default": "Cán bộ tổng hợp",
    "uploader": "Chọn hoặc kéo thả tệp .xlsx (có thể chọn nhiều tệp)",
    "reading": "Đang đọc tệp {i}/{n}: {name}",
    "refused_file": "{name}: bị từ chối, {count} lỗi — không có số liệu nào được ghi.",
    "error_report_button": "Tải tệp báo lỗi (các ô lỗi được tô đỏ, có ghi chú)",
    "accepted_file": "{name}: hợp lệ — {new} số liệu mới, {changed} thay đổi, {same} không đổi.",
    "warnings_title": "Cảnh báo (vẫn có thể nạp; cảnh báo được lưu cùng báo cáo):",
    "changes_title": "Số liệu sẽ ghi (so với phiên bản đang dùng)",
    "preview_title": "Kết quả thực hiện chỉ tiêu sau khi nạp, đến hết {period} — {plan}",
    "nothing_new": "Tệp giống hệt số liệu đang dùng: nạp lại sẽ không thay đổi gì.",
    "confirm": "Xác nhận nạp {n} tệp hợp lệ",
    "history_header": "3. Lịch sử nộp báo cáo",
    "history_empty": "Chưa có báo cáo nào được nạp.",
    # the upload page's tables: what a load would change, and the history of returns
    "col_code": "Mã địa bàn",
    "col_locality": "Địa bàn",
    "col_indicator_name": "Chỉ số",
    "col_in_force": "Số liệu đang dùng",
    "col_incoming": "Số liệu mới",
    "col_change": "Thay đổi",
    "col_submitted_at": "Thời gian gửi",
    "col_sender": "Người gửi",
    "col_file": "Tệp",
    "col_version": "Phiên bản",
    "col_warnings": "Cảnh báo",
    "group_admin": "Quản trị",
    "unit": "Địa bàn",
    "page_overview": "Tổng quan",
    "page_plan": "Kế hoạch",
    "page_locality": "Địa bàn",
    "page_indicator": "Chỉ số",
    "spinner_page": "Đang tính số liệu…",
    "spinner_export": "Đang chuẩn bị bảng và tệp xuất…",
    "page_trend": "Xu hướng",
    "page_completeness": "Tình hình báo cáo",
    "page_settings": "Cài đặt",
    "page_export": "Xuất báo cáo",
    "page_accounts": "Tài khoản",
    "page_audit": "Nhật ký",
    "page_plans": "Quản lý kế hoạch",
    "heading": "{unit} — {period}",
    "tile_met": "Đạt",
    "tile_on_track": "Đúng tiến độ",
    "tile_behind": "Chậm / không đạt",
    "tile_no_data": "Chưa có số liệu",
    "tile_reported": "Đã báo cáo quý {quarter}",
    "tile_targets": "trên {total} chỉ tiêu",
    "tile_units": "{sent}/{total} đơn vị",
    "behind_title": "Ba chỉ tiêu chậm nhất",
    "behind_none": "Không có chỉ tiêu nào chậm tiến độ hay không đạt.",
    "behind_sentence": "**{label}**: {verb} {actual} ({fraction}), {need}. {status}.",
    "verb_share": "đạt",
    "need_share": "chỉ tiêu {target}, đến hết {period} cần {expected}",
    "need_target": "chỉ tiêu {target}",
    "need_growth": "chỉ tiêu {target} so với năm trước ({previous})",
    "behind_qualitative": "**{label}**: chưa thực hiện ({fraction} đơn vị đã thực hiện). {status}.",
    "heatmap_title": "Trạng thái từng chỉ tiêu theo đơn vị cấp dưới — {unit}, {period}",
    "heatmap_y": "Đơn vị",
    "heatmap_hidden": "Không hiện các chỉ tiêu mà chưa đơn vị cấp dưới nào có số liệu: {targets}.",
    "heatmap_empty": "Chưa đơn vị cấp dưới nào của {unit} có số liệu {period}.",
    "heatmap_caption": "Mỗi ô: trạng thái (màu và ký hiệu) và kết quả. Ký hiệu: ✔ đạt, ➜ đúng tiến độ, ⚠ chậm tiến độ, ✖ không đạt, ○ chưa có số liệu.",
    "no_children": "{unit} không có đơn vị cấp dưới trong hệ thống; bảng dưới là kết quả của chính đơn vị.",
    "table_view": "Xem dạng bảng",
    "no_returns_quarter": "Chưa có báo cáo {period} của {unit} — tải lên tại trang Nộp báo cáo quý.",
    "bullet_x_share": "Tỷ lệ (%)",
    "bullet_x_count": "Số lượng ({unit})",
    "bullet_actual": "Kết quả",
    "bullet_target": "Chỉ tiêu",
    "bullet_pace": "Mức cần đạt đến kỳ này",
    "clause": "Trích kế hoạch",
    "evidence": "Minh chứng: {note}",
    "evidence_none": "Chưa có minh chứng.",
    "target_is": "Chỉ tiêu: {target}",
    "actual_is": "Kết quả: {actual} ({fraction})",
    "pace_is": "Cần đạt đến hết {period}: {expected}",
    "parent_header": "Kế hoạch cấp trên: {title}",
    "parent_target": "Cấp trên: {target} — {status} ({actual})",
    "parent_none": "Kế hoạch cấp trên không có chỉ tiêu tương ứng.",
    "parent_document": "Thực hiện: {document} (văn bản này chưa có trong hệ thống nên chưa so sánh được chỉ tiêu).",
    "rolled_up": "Tổng hợp từ {reported}/{total} đơn vị cấp dưới",
    "level_units": "Số liệu của {reported}/{total} đơn vị {levels}",
    "own_return": "Báo cáo của chính đơn vị",
    "coverage": "{reported}/{total} {level} đã báo cáo {period}",
    "coverage_quarter": "quý {quarter}/{year}",
    "children_header": "Đơn vị cấp dưới",
    "children_rank_by": "Xếp hạng theo chỉ tiêu",
    "go_down": "Xem đơn vị cấp dưới",
    "go_down_placeholder": "Chọn đơn vị…",
    "breadcrumb": "Đang xem:",
    "col_unit": "Đơn vị",
    "col_source": "Nguồn số liệu",
    "col_rank": "Hạng",
    "target_pick": "Chỉ tiêu",
    "no_targets": "Kế hoạch chưa có chỉ tiêu nào áp dụng cho năm này.",
    "ranking_title": "{label} — xếp hạng đơn vị cấp dưới của {unit}, {period}",
    "ranking_x_share": "Tỷ lệ (%)",
    "ranking_x_count": "Số lượng ({unit})",
    "ranking_target_line": "Chỉ tiêu {target}",
    "ranking_empty": "{unit} không có đơn vị cấp dưới để so sánh.",
    "years_title": "{label} — {unit} qua các năm (đến hết {period} của năm đang xem, cả năm với các năm trước)",
    "years_x": "Năm",
    "years_empty": "Chưa có số liệu của chỉ tiêu này ở năm nào.",
    "col_year": "Năm",
    "col_period": "Kỳ",
    "trend_title": "{label} — {unit}: lũy kế từ đầu năm theo quý, năm {year} so với năm {last}",
    "trend_x": "Quý",
    "trend_quarter": "Quý {quarter}",
    "trend_y_share": "Tỷ lệ (%)",
    "trend_y_count": "Số lượng ({unit})",
    "trend_this": "Năm {year}",
    "trend_last": "Năm {year}",
    "trend_expected": "Mức cần đạt theo tiến độ (năm {year})",
    "trend_empty": "Chưa có số liệu của chỉ tiêu này trong năm {year} và năm {last}.",
    "trend_growth_note": "Chỉ tiêu so với năm trước: đường biểu diễn mức tăng lũy kế so với cùng kỳ năm trước.",
    "col_quarter": "Quý",
    "col_expected": "Cần đạt theo tiến độ",
    "deadline_note": "Hạn nộp: {days} ngày sau khi hết quý (đổi tại trang Cài đặt).",
    "completeness_title": "Tình hình gửi báo cáo năm {year} — {unit}",
    "completeness_summary": "Quý {quarter}/{year}: **{sent}/{total}** đơn vị đã gửi ({late} gửi muộn), {missing} chưa gửi.",
    "rate_basis_children": ("Tỷ lệ báo cáo tính trên {total} đơn vị trực thuộc ({levels}) phải gửi báo cáo quý "
                            "{quarter}/{year}; một đơn vị được tính là đã gửi khi nó hoặc một đơn vị dưới nó đã gửi."),
    "rate_own_apart": "Báo cáo riêng của {name} được ghi riêng, không tính vào tỷ lệ.",
    "rate_basis_self": "{name} không có đơn vị trực thuộc: tỷ lệ tính trên báo cáo quý {quarter}/{year} của chính đơn vị.",
    "rate_basis_none": "Không có đơn vị nào phải gửi báo cáo trong kỳ này.",
    "col_quarter_n": "Quý {quarter}",
    "sent_versions": "{text} · {versions} lần gửi",
    "deadline_note_admin": "Hạn nộp: {days} ngày sau khi hết quý (quản trị viên đặt tại trang Cài đặt).",
    "chase_title": "Đơn vị chưa gửi báo cáo quý {quarter}/{year} (đã quá hạn {due}) — sao chép để nhắc",
    "chase_none": "Tất cả đơn vị đã gửi báo cáo quý {quarter}/{year}.",
    "chase_not_due": "Quý {quarter}/{year} chưa đến hạn nộp ({due}).",
    "own_row": "{name} (báo cáo của chính đơn vị)",
    "settings_deadline": "Hạn nộp báo cáo quý (số ngày sau khi hết quý)",
    "settings_deadline_help": "Báo cáo gửi sau hạn này được tính là muộn trên trang Tình hình báo cáo.",
    "settings_save": "Lưu",
    "settings_saved": "Đã lưu: hạn nộp là {days} ngày sau khi hết quý; phiên làm việc hết hạn sau {minutes} phút không thao tác; đăng nhập được giữ {hours} giờ.",
    "settings_login_hours": "Giữ đăng nhập khi tải lại trang hoặc mở thẻ mới (giờ)",
    "settings_login_hours_help": "Trong thời gian này, tải lại trang hay mở thẻ mới trên cùng trình duyệt không phải đăng nhập lại (trừ khi đã đăng xuất, không thao tác quá thời gian trên, hoặc tài khoản bị khóa, đổi mật khẩu, đổi quyền). Áp dụng cho các lần đăng nhập sau.",
    "settings_idle": "Thời gian không thao tác trước khi phải đăng nhập lại (phút)",
    "settings_idle_help": "Áp dụng cho mọi tài khoản, từ lần thao tác kế tiếp.",
}

SUBMISSION = {
    "on_time": "✔ Đúng hạn",
    "late": "⚠ Muộn {days} ngày",
    "missing": "✖ Chưa gửi (quá hạn)",
    "not_due": "… Chưa đến hạn",
}

TEMPLATE = {
    "instructions_sheet": "Hướng dẫn",
    "return_sheet": "Báo cáo",
    "bulk_sheet": "Nhiều đơn vị",
    "instructions_title": "Mẫu báo cáo số liệu phòng, chống mại dâm — {name}, quý {quarter}/{year}",
    "instructions": [
        "1. Sheet 'Báo cáo': ghi số liệu của chính địa bàn vào các ô nền vàng (cột Tử số, Mẫu số, Ghi chú).",
        "2. Cột 'Kỳ số liệu' cho biết cách ghi: 'trong quý' = số phát sinh trong quý này; 'lũy kế từ đầu năm' = tổng từ 01/01 đến hết quý (không được thấp hơn số đã báo cáo quý trước).",
        "3. Tử số, mẫu số là số nguyên không âm (ví dụ 37 và 148), không ghi tỷ lệ %. Tử số không được lớn hơn mẫu số.",
        "4. Chỉ số định tính (Mức chỉ tiêu 'Định tính'): ghi 1 nếu đã thực hiện, 0 nếu chưa; ghi minh chứng (số văn bản, hoạt động) ở cột Ghi chú.",
        "5. Dòng để trống là chưa có số liệu. Không xóa, không đổi tên các cột.",
        "6. Sheet 'Nhiều đơn vị': dành cho cán bộ tổng hợp báo cáo thay cho các đơn vị cấp dưới, mỗi dòng một đơn vị × chỉ số × quý.",
        "7. Báo cáo chỉ chứa số liệu tổng hợp: tuyệt đối không ghi họ tên, số CCCD/CMND, số điện thoại, địa chỉ của cá nhân; tệp có các thông tin này sẽ bị từ chối.",
        "8. Gửi lại tệp .xlsx này (không đổi sang .xls hay .xlsm). Nếu có lỗi, hệ thống trả lại tệp với các ô lỗi được tô màu và ghi chú cách sửa.",
    ],
    "return_title": "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU PHÒNG, CHỐNG MẠI DÂM QUÝ {quarter}/{year}",
    "locality_name": "Tên địa bàn",
    "officer": "Người báo cáo",
    "report_date": "Ngày báo cáo",
    "return_hint": "Ghi số vào các ô nền vàng. Số liệu 'lũy kế từ đầu năm' tính từ 01/01 đến hết quý.",
    "table_headings": ["Mã chỉ số", "Chỉ tiêu", "Mức chỉ tiêu (theo kế hoạch)", "Kỳ số liệu (trong quý / lũy kế từ đầu năm)",
                       "Đơn vị tính", "Tử số (số lượng, theo kỳ số liệu)", "Mẫu số (tổng số, tại thời điểm cuối quý)",
                       "Ghi chú (minh chứng)"],
    "bulk_title": "Báo cáo cho nhiều đơn vị: mỗi dòng một đơn vị × chỉ số × quý (ghi vào các ô nền vàng)",
    "bulk_unit": "Đơn vị",
    "bulk_unit_value": "{name} (mã {code})",
    "bulk_indicator": "Chỉ tiêu",
    "validation_title": "Số liệu không hợp lệ",
    "whole_number_error": "Chỉ nhập số nguyên không âm (ví dụ 37).",
}

ERROR_REPORT = {
    "sheet": "Danh sách lỗi",
    "title": "Tệp bị từ chối: {count} lỗi. Các ô lỗi được tô đỏ và có ghi chú; sửa xong hãy gửi lại tệp.",
    "headings": ["Sheet", "Dòng", "Cột", "Lỗi"],
    "author": "Hệ thống theo dõi PCMD",
}

# Exports (Excel, CSV, the Word annex): sheet names ≤ 31 characters.
EXPORT = {
    "sheet_targets": "Theo chỉ tiêu",
    "sheet_localities": "Theo địa bàn",
    "sheet_completeness": "Tình hình báo cáo",
    "sheet_years": "Qua các năm",
    "title_targets": "KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
    "title_localities": "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐỊA BÀN",
    "title_completeness": "TÌNH HÌNH GỬI BÁO CÁO",
    "title_years": "KẾT QUẢ THỰC HIỆN CHỈ TIÊU QUA CÁC NĂM",
    "header_targets": ["STT", "Chỉ tiêu", "Trích kế hoạch", "Mức chỉ tiêu", "Kết quả", "Đơn vị tính", "Tử số", "Mẫu số",
                       "Trạng thái", "Nguồn số liệu", "Ghi chú, minh chứng"],
    "header_completeness": ["Đơn vị", "Mã địa bàn", "Quý", "Tình trạng", "Hạn nộp", "Ngày gửi lần đầu",
                            "Ngày gửi gần nhất", "Số lần gửi", "Số đơn vị đã gửi"],
    "col_unit": "Đơn vị",
    "col_code": "Mã địa bàn",
    "col_no": "STT",
    "col_target": "Chỉ tiêu",
    "pair": ["Kết quả", "Trạng thái"],
    "whole": "Toàn {name}",
    "own": "{name} (báo cáo của chính đơn vị)",
    "plan_line": "Kế hoạch: {plan}",
    "period_line": "Kỳ báo cáo: {period} (số liệu lũy kế {dates})",
    "locality_line": "Địa bàn: {locality}",
    "made_line": "Ngày xuất: {date}",
    "csv_needs_zip": "Xuất CSV nhiều bảng thành một tệp .zip: hãy đặt tên tệp kết quả đuôi .zip, hoặc chọn một bảng bằng --table.",
    "unknown_locality": "Không có địa bàn mã '{code}' trong năm {year}.",
    "outside_area": "Địa bàn '{code}' không thuộc phạm vi của kế hoạch {plan}.",
    "outside_scope": "Tài khoản không được xem số liệu của địa bàn '{code}'.",
    "bad_year": "Kế hoạch {plan} áp dụng cho các năm {year_from}–{year_to}; không có năm {year}.",
    "written": "Đã ghi {path}",
    # the Word annex
    "motto_1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto_2": "Độc lập - Tự do - Hạnh phúc",
    "issuer": "UBND {name}",
    "place_date": "{place}, ngày {day:02d} tháng {month:02d} năm {year}",
    "annex_title": "PHỤ LỤC",
    "annex_subtitle": "KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
    "annex_attached": "(Kèm theo báo cáo {period} về công tác phòng, chống mại dâm của {locality})",
    "annex_plan": "Thực hiện: {plan}",
    "annex_table": "1. Kết quả thực hiện các chỉ tiêu",
    "annex_summary": "2. Tóm tắt theo nhóm chỉ tiêu",
    "annex_headers": ["STT", "Chỉ tiêu", "Mức chỉ tiêu", "Kết quả", "Tử số/mẫu số", "Đánh giá"],
    "group_other": "Các chỉ tiêu",
    "sentence_share": "{name}: {numerator}/{denominator} ({actual}), {verdict} chỉ tiêu {target}.",
    "sentence_count": "{name}: {actual} {unit}, {verdict} chỉ tiêu {target}.",
    "sentence_qualitative": "{name}: {actual} ({numerator}/{denominator} đơn vị), {verdict}.",
    "sentence_growth": "{name}: {actual} so với cùng kỳ năm trước ({previous} → {numerator}), {verdict} chỉ tiêu {target}.",
    "sentence_no_data": "{name}: chưa có số liệu.",
    "verdict": {"met": "đạt", "on_track": "đúng tiến độ để đạt", "behind": "chậm so với tiến độ của",
                "not_met": "không đạt", "no_data": "chưa đánh giá được"},
    "button_xlsx": "Tải Excel (.xlsx)",
    "button_csv": "Tải CSV (.zip, mỗi bảng một tệp)",
    "button_docx": "Tải phụ lục Word (.docx)",
    "page_intro": "Các bảng dưới đây theo đúng lựa chọn ở thanh bên ({plan}; {period}; {locality}). Tệp tải về có cùng số liệu.",
}

ACCOUNT = {
    "bad_username": "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang; từ 3 đến 40 ký tự.",
    "bad_role": "Vai trò '{role}' không hợp lệ; chọn một trong: {roles}.",
    "needs_locality": "Tài khoản lãnh đạo hoặc báo cáo viên phải gắn với một địa bàn.",
    "unknown_locality": "Không có địa bàn '{locality}'.",
    "short_password": "Mật khẩu phải có ít nhất {n} ký tự.",
    "exists": "Tài khoản '{username}' đã có.",
    "missing": "Không có tài khoản '{username}'.",
    "refused": "Tên đăng nhập hoặc mật khẩu không đúng.",
    "locked": "Đăng nhập sai quá nhiều lần. Hãy thử lại sau {time}.",
    "password_prompt": "Mật khẩu: ",
    "password_again": "Nhập lại mật khẩu: ",
    "password_mismatch": "Hai lần nhập mật khẩu không khớp.",
    "added": "Đã tạo tài khoản {username} ({role}, {locality}).",
    "done": "Đã cập nhật tài khoản {username}.",
    "whole_country": "toàn quốc",
    "cli_help": "tài khoản người dùng",
    "cli_add_help": "tạo tài khoản (hỏi mật khẩu, hoặc đọc một dòng từ stdin)",
    "cli_locality_help": "mã địa bàn (bắt buộc trừ quản trị toàn quốc)",
    "cli_email_help": "định danh đăng nhập một lần (SSO) gắn với tài khoản",
    "cli_list_help": "danh sách tài khoản",
    "cli_change_help": "đổi vai trò, địa bàn",
    "cli_locked": " (đã khóa)",
    "no_accounts": "Chưa có tài khoản nào. Người quản trị tạo tài khoản đầu tiên bằng lệnh: python -m etl user add --username admin --role admin (lệnh sẽ hỏi mật khẩu).",
}
ROLE = {"admin": "Quản trị", "leader": "Lãnh đạo", "reporter": "Báo cáo viên"}

LOGIN = {
    "title": "Đăng nhập",
    "username": "Tên đăng nhập",
    "password": "Mật khẩu",
    "submit": "Đăng nhập",
    "logout": "Đăng xuất",
    "who": "Đang dùng: {username} — {role}, {where}",
    "expired": "Phiên làm việc đã hết hạn do không thao tác; hãy đăng nhập lại.",
    "sso_button": "Đăng nhập bằng tài khoản của cơ quan",
    "restored": "tiếp tục phiên đã lưu trên trình duyệt",
    "sso_unknown": "Tài khoản đăng nhập một lần này chưa được gắn với tài khoản nào của hệ thống; hãy liên hệ quản trị.",
}

ADMIN_PAGE = {
    "col_username": "Tên đăng nhập",
    "col_role": "Vai trò",
    "col_locality": "Địa bàn",
    "col_email": "Định danh SSO",
    "col_disabled": "Đã khóa",
    "yes": "Có",
    "add": "Thêm tài khoản",
    "edit": "Sửa tài khoản",
    "locality_code": "Mã địa bàn (để trống: quản trị toàn quốc)",
    "password": "Mật khẩu (ít nhất 10 ký tự)",
    "new_password": "Mật khẩu mới (để trống: giữ nguyên)",
    "disabled": "Khóa tài khoản",
    "add_button": "Thêm",
    "edit_button": "Lưu thay đổi",
    "saved": "Đã lưu.",
    "action": "Hoạt động",
    "since": "Từ ngày",
    "until": "Đến ngày",
    "audit_header": ["Thời gian", "Tài khoản", "Hoạt động", "Chi tiết"],
    "audit_count": "{n} sự kiện (mới nhất trước).",
    "audit_csv": "Tải nhật ký (CSV)",
}
AUDIT_ACTION = {"login_ok": "Đăng nhập", "login_failed": "Đăng nhập sai", "login_locked": "Bị tạm khóa đăng nhập",
                "logout": "Đăng xuất", "upload": "Nộp báo cáo", "export": "Xuất báo cáo",
                "account": "Thay đổi tài khoản", "setting": "Thay đổi cài đặt", "plan": "Thay đổi kế hoạch"}
# Audit details as stored (etl/access/audit_words.py reads them back with patterns: change both together).
AUDIT_DETAIL = {
    "account_added": "thêm {username} ({role}, {where})",
    "plan_created": "tạo {plan}",
    "plan_edited": "sửa {plan}",
    "plan_retired": "ngừng theo dõi {plan}",
    "plan_imported": "nhập {plan} từ {file}",
    "settings": "hạn nộp {days} ngày, hết phiên sau {minutes} phút, giữ đăng nhập {hours} giờ",
    "audit_csv": "nhật ký (CSV)",
    "return": "{} quý {}/{} v{}",  # code, quarter, year, version: positional, as DuckDB's format() takes it
}

PLAN_FILE = {
    "missing": "Không có kế hoạch '{plan}'.",
    "unreadable": "Tệp kế hoạch không đọc được: {detail}",
    "unknown_issuer": "Kế hoạch {plan}: địa bàn ban hành '{issuer}' không có trong danh mục địa bàn.",
    "imported": "Đã nhập kế hoạch {plan} ({n} chỉ tiêu).",
    "header": "# Kế hoạch xuất từ hệ thống theo dõi PCMD; định dạng như data/plans.yaml.\n",
    "help": "xuất, nhập kế hoạch (tệp YAML như data/plans.yaml)",
    "export_help": "xuất một kế hoạch",
    "output_help": "tệp kết quả (mặc định: in ra màn hình)",
    "import_help": "nhập kế hoạch từ tệp (thay kế hoạch cùng mã)",
    "written": "Đã ghi {path}",
}

DRAFT = {
    "not_utf8": "Tệp '{name}' không phải văn bản UTF-8; hãy lưu lại dạng UTF-8 hoặc dùng tệp .docx.",
    "damaged": "Tệp '{name}' không đọc được (tệp hỏng hoặc không đúng định dạng).",
    "unsupported": "Tệp '{name}': chỉ nhận .txt, .docx hoặc .pdf.",
    "no_text_layer": "Tệp '{name}' không có lớp văn bản (có thể là bản quét); hãy gửi tệp .docx hoặc .txt.",
    "help": "đề xuất chỉ tiêu từ văn bản kế hoạch (.txt, .docx, .pdf)",
    "unmapped": "chưa xác định chỉ số",
}

PLAN_EDIT = {
    "fields": {"indicator": "chỉ số", "rule": "quy tắc", "clause": "trích dẫn điều khoản"},
    "missing_field": "Chỉ tiêu {n}: thiếu {field}.",
    "target_problem": "Chỉ tiêu {n}: {problem}.",
    "bad_id": "Mã kế hoạch chỉ gồm chữ thường không dấu, chữ số và gạch ngang (ví dụ: vinhloc-2027), từ 3 ký tự.",
    "no_title": "Thiếu tên kế hoạch.",
    "unknown_issuer": "Không có địa bàn mã '{code}' trong năm bắt đầu của kế hoạch.",
    "outside_scope": "Tài khoản không quản lý địa bàn '{code}'.",
    "bad_parent": "Kế hoạch cấp trên '{parent}' không có trong hệ thống.",
    "not_yours": "Kế hoạch '{plan}' do địa bàn ngoài phạm vi tài khoản ban hành; không sửa được.",
    "no_targets": "Kế hoạch chưa có chỉ tiêu nào.",
    "created": "Tạo kế hoạch",
    "new_plan": "(Tạo kế hoạch mới)",
    "pick": "Kế hoạch",
    "plan_id": "Mã kế hoạch",
    "title": "Tên kế hoạch",
    "issuer": "Mã địa bàn ban hành",
    "issuing_body": "Cơ quan ban hành",
    "year_from": "Từ năm",
    "year_to": "Đến năm",
    "parent": "Kế hoạch cấp trên",
    "number": "Số, ký hiệu văn bản",
    "date": "Ngày ban hành",
    "targets": "Chỉ tiêu (sửa trực tiếp trong bảng; thêm dòng ở cuối bảng)",
    "save": "Lưu kế hoạch",
    "saved": "Đã lưu kế hoạch {plan} ({n} chỉ tiêu).",
    "refused": "Chưa lưu: {n} lỗi.",
    "retire": "Ngừng theo dõi kế hoạch này",
    "retired": "Đã ngừng theo dõi kế hoạch {plan}.",
    "history": "Lịch sử thay đổi",
    "history_none": "Chưa có thay đổi nào được ghi.",
    "draft_header": "Đề xuất chỉ tiêu từ văn bản kế hoạch",
    "draft_upload": "Tải văn bản kế hoạch (.txt, .docx, .pdf)",
    "draft_paste": "hoặc dán nội dung văn bản",
    "draft_found": "Tìm thấy {n} chỉ tiêu (tô vàng trong văn bản). Xem lại, rồi thêm vào bảng để sửa và lưu.",
    "draft_add": "Thêm các đề xuất vào bảng chỉ tiêu",
    "draft_added": "Đã thêm {n} đề xuất vào bảng; kế hoạch chỉ được lưu khi bấm 'Lưu kế hoạch'.",
    "col": {"section": "Mục", "indicator": "Chỉ số", "rule": "Quy tắc", "value": "Giá trị", "value_high": "Giá trị trên",
            "year": "Năm", "level": "Cấp áp dụng", "clause": "Trích kế hoạch"},
}

# --- issue 15 (drafting from any text): why a proposal needs checking; the proposals table ---
DRAFT_CHECK = {
    "unmapped": "chưa xác định chỉ số",
    "near_domain": "nói về lĩnh vực khác (ma túy, HIV/AIDS, …), không gán chỉ số",
    "carried": "lượng từ hoặc mốc năm lấy từ vế khác của câu (vế trước, hoặc năm ở cuối một danh sách)",
    "borrowed": "chỉ số suy từ vế sau của câu (\"100% A và 100% B xây dựng kế hoạch\", \"100% A; B được tập huấn\")",
    "guessed_unit": "đơn vị được suy ra (quy đổi ra số lần/năm)",
    "outside_section": "nằm ngoài mục Chỉ tiêu/Mục tiêu",
    "unsupported_rule": "chỉ tiêu giảm: chưa có quy tắc đánh giá, chọn quy tắc khi thêm vào bảng",
    "col": {"check": "Cần kiểm tra", "indicator": "Chỉ số", "rule": "Quy tắc", "value": "Giá trị", "unit": "Đơn vị",
            "year": "Năm", "level": "Cấp", "where": "Vị trí (ký tự)", "clause": "Trích văn bản"},
    "none": "Không tìm thấy chỉ tiêu nào trong văn bản.",
    "found": "{n} đề xuất, {k} cần kiểm tra (tô đỏ, xếp trước).",
    "rule_decrease": "Giảm",
    "cli_check": "CẦN KIỂM TRA",
}
# --- issue 12 (part A): personal data anywhere in the workbook; privacy scan and purge ---
MSG.update({
    "pd_email": "địa chỉ e-mail",
    "personal_data_text": "{where}: có vẻ chứa {kind}. Báo cáo chỉ được chứa số liệu tổng hợp: không ghi họ tên, số CCCD/CMND, số điện thoại, e-mail, địa chỉ hay ngày sinh của cá nhân (kể cả trong chú thích ô, tên sheet, thuộc tính và tên tệp). Hãy xóa các thông tin này rồi gửi lại.",
    "where_sheet_at": "sheet thứ {n}",
    "where_comment": "Sheet '{sheet}', chú thích ô {cell}",
    "where_property": "Thuộc tính tệp '{field}'",
    "where_custom_property": "Thuộc tính tệp (tùy chỉnh) thứ {n}",
    "where_sheet_name": "Tên sheet thứ {n}",
    "where_file_name": "Tên tệp",
    "masked_file_name": "(tên tệp có dữ liệu cá nhân)",
})
PROPERTY_FIELD = {"title": "Tiêu đề", "subject": "Chủ đề", "description": "Mô tả", "keywords": "Từ khóa",
                  "category": "Thể loại", "status": "Trạng thái"}
PRIVACY = {
    "help": "dữ liệu cá nhân đã lưu: liệt kê (scan) hoặc xóa (purge)",
    "scan_help": "liệt kê nội dung đã lưu có dữ liệu cá nhân (loại và vị trí, không in giá trị)",
    "purge_help": "xóa trắng các nội dung đó trong một giao dịch, ghi vào nhật ký",
    "yes_help": "không hỏi lại",
    "none": "Không có nội dung nào đã lưu chứa dữ liệu cá nhân.",
    "found": "Có {n} nội dung đã lưu chứa dữ liệu cá nhân:",
    "figure": "Ghi chú số liệu: địa bàn {code}, quý {quarter}/{year}, phiên bản {version}, chỉ số '{indicator}'",
    "upload": "Tên tệp đã nạp: lần nạp số {upload_id} ({at})",
    "upload_warning": "Lưu ý của lần nạp số {upload_id} ({at}), lưu ý thứ {n}",
    "plan": "Kế hoạch '{plan}': {field}",
    "target": "Kế hoạch '{plan}', chỉ tiêu thứ {position}: {field}",
    "plan_change": "Lịch sử sửa kế hoạch '{plan}', lần sửa số {change_id}",
    "plan_fields": {"title": "tên kế hoạch", "issuing_body": "cơ quan ban hành", "parent_document": "văn bản cấp trên",
                    "source_document": "văn bản kế hoạch", "document_number": "số, ký hiệu",
                    "clause": "trích kế hoạch", "section": "mục", "before": "nội dung trước khi sửa",
                    "after": "nội dung sau khi sửa"},
    "line": "  - {place}: {kinds}",
    "confirm": "Xóa trắng {n} nội dung trên? Gõ 'co' để xác nhận: ",
    "cancelled": "Đã hủy, không thay đổi gì.",
    "purged": "Đã xóa trắng {n} nội dung chứa dữ liệu cá nhân (ghi vào nhật ký).",
    "blank": "(đã xóa dữ liệu cá nhân)",
    "audit_detail": "xóa trắng {n} nội dung chứa dữ liệu cá nhân: {places}",
}
AUDIT_ACTION["privacy"] = "Xóa dữ liệu cá nhân đã lưu"
# --- issue 13 (part A): account edits in words, sessions that end, CLI rights, faults, backups ---
ACCOUNT_EDIT = {
    "access": "{username}: {old} → {new}",
    "audit_password": "{username}: đổi mật khẩu",
    "audit_lock": "{username}: khóa tài khoản",
    "audit_unlock": "{username}: mở khóa tài khoản",
    "lock": "{username}: khóa tài khoản (phiên đang mở sẽ kết thúc)",
    "unlock": "{username}: mở khóa tài khoản",
    "password": "{username}: đổi mật khẩu",
    "not_yourself": "Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình; hãy nhờ một quản trị viên khác.",
    "last_admin": "Không thể khóa hoặc bỏ quyền của quản trị viên đang hoạt động cuối cùng; hãy tạo hoặc mở khóa một quản trị viên khác trước.",
    "stale": "Tài khoản {username} vừa được thay đổi ở nơi khác; hãy xem lại rồi lưu lại.",
    "nothing": "Không có gì thay đổi.",
    "pick": "Tài khoản cần sửa",
    "current": "Hiện tại: {access}{locked}.",
    "current_locked": "; đang bị khóa",
    "confirm_intro": "Sẽ thực hiện các thay đổi sau. Xác nhận để áp dụng:",
    "confirm": "Xác nhận thay đổi",
    "cancel": "Hủy",
    "cancelled": "Đã hủy; tài khoản giữ nguyên.",
    "applied": "Đã lưu: {changes}.",
}
SESSION = {
    "locked": "Tài khoản của bạn đã bị khóa hoặc xóa; phiên làm việc đã kết thúc. Hãy liên hệ quản trị viên.",
    "changed": "Quyền của tài khoản vừa được thay đổi ({access}); hãy đăng nhập lại.",
    "password": "Mật khẩu của tài khoản vừa được đổi; hãy đăng nhập lại.",
    "logged_out": "Phiên đăng nhập đã kết thúc (đã đăng xuất ở thẻ khác hoặc đã hết hạn); hãy đăng nhập lại.",
}
RIGHTS = {
    "unknown": "Không có tài khoản '{username}'.",
    "locked": "Tài khoản '{username}' đang bị khóa; không thực hiện lệnh.",
    "no_right": "Tài khoản '{username}' ({role}) không có quyền {action} trong ứng dụng, nên dòng lệnh cũng không thực hiện.",
    "export": "xuất báo cáo",
}
FAULT = {
    "missing": "Chưa có cơ sở dữ liệu. Người quản trị hãy chạy: python -m etl init (hoặc python -m etl demo cho dữ liệu minh họa), hoặc khôi phục bản sao lưu: python -m etl restore THƯ_MỤC.",
    "busy": "Cơ sở dữ liệu đang được một chương trình khác giữ (có thể là một lệnh nạp hoặc sao lưu đang chạy). Hãy chờ vài phút rồi tải lại trang; nếu vẫn vậy, báo người quản trị.",
    "damaged": "Tệp cơ sở dữ liệu bị hỏng, không đọc được. Người quản trị hãy khôi phục bản sao lưu gần nhất: python -m etl restore THƯ_MỤC.",
    "read_only": "Không ghi được vào cơ sở dữ liệu (tệp hoặc thư mục chỉ cho đọc, hoặc thiếu quyền). Người quản trị hãy cấp quyền ghi cho tệp và thư mục chứa nó.",
    "disk_full": "Ổ đĩa chứa cơ sở dữ liệu đã đầy; thao tác chưa được ghi. Người quản trị hãy giải phóng dung lượng rồi thử lại.",
    "migration": "Không cập nhật được cấu trúc cơ sở dữ liệu lên phiên bản mới (bước {version}); dữ liệu giữ nguyên như trước. Người quản trị hãy khôi phục bản sao lưu hoặc báo nhóm phát triển.",
    "other": "Không mở được cơ sở dữ liệu. Người quản trị hãy xem nhật ký máy chủ.",
    "file": "Không đọc hoặc ghi được tệp '{name}' (thư mục không có, thiếu quyền, hoặc ổ đĩa đầy); hãy kiểm tra đường dẫn rồi chạy lại.",
}
BACKUP = {
    "written": "Đã sao lưu vào {path}: {returns} báo cáo, {users} tài khoản, {events} sự kiện nhật ký.",
    "not_empty": "Thư mục '{path}' đã có bản sao lưu; hãy chọn một thư mục mới (ví dụ theo ngày).",
    "asking_app": "Ứng dụng đang mở cơ sở dữ liệu; đã nhờ ứng dụng sao lưu, đang chờ…",
    "app_silent": "Ứng dụng đang giữ cơ sở dữ liệu nhưng không trả lời yêu cầu sao lưu sau {seconds:.0f} giây. Hãy thử lại lúc ít người dùng, hoặc dừng ứng dụng rồi chạy lại lệnh.",
    "app_failed": "Ứng dụng không sao lưu được: {reason}",
    "no_backup": "Thư mục '{path}' không chứa bản sao lưu (thiếu tệp {name}).",
    "bad_backup": "Bản sao lưu trong '{path}' bị hỏng hoặc không phải của ứng dụng này; không khôi phục.",
    "summary": "Bản sao lưu lúc {at}: {returns} báo cáo, {users} tài khoản. CSDL hiện tại: {now_returns} báo cáo, {now_users} tài khoản.",
    "question": "Khôi phục sẽ thay toàn bộ CSDL hiện tại bằng bản sao lưu (CSDL hiện tại được giữ lại ở {keep}). Gõ 'co' để tiếp tục: ",
    "aborted": "Đã hủy; CSDL giữ nguyên.",
    "app_running": "Ứng dụng đang mở cơ sở dữ liệu; hãy dừng ứng dụng trước khi khôi phục (khôi phục thay cả tệp).",
    "restored": "Đã khôi phục từ {path}. CSDL trước đó được giữ ở {keep}.",
    "help": "sao lưu toàn bộ CSDL vào một thư mục (chạy được khi ứng dụng đang mở)",
    "output_help": "thư mục mới, ví dụ theo ngày",
    "restore_help": "khôi phục CSDL từ thư mục sao lưu (cần dừng ứng dụng)",
    "yes_help": "không hỏi xác nhận (cho script)",
}
# --- issue 12 (part B): hostile workbooks, corrections that carry figures forward, skipped rows ---
MSG.update({
    "sheet_too_large": ("Tệp '{name}', sheet '{sheet}': bảng tính kéo dài tới (ít nhất) dòng {rows}, cột {column}, vượt xa "
                        "kích thước của một báo cáo (tối đa {max_rows} dòng, tới cột {max_column}). Hãy xóa các dòng, "
                        "cột thừa ở cuối sheet (kể cả ô chỉ được tô màu, kẻ khung) rồi gửi lại."),
    "xlsx_too_many_cells": ("Tệp '{name}': các sheet cộng lại vượt quá {limit} ô (tới sheet '{sheet}'); tệp quá lớn "
                            "so với một báo cáo. Hãy xóa các sheet, dòng, cột thừa rồi gửi lại."),
    "xlsx_too_many_sheets": "Tệp '{name}' có {count} sheet, quá nhiều cho một báo cáo (tối đa {limit}).",
    "xlsx_too_many_strings": ("Tệp '{name}' khai báo {count} chuỗi văn bản, quá nhiều cho một báo cáo "
                              "(tối đa {limit}); tệp bị từ chối vì có thể gây hại."),
    "xlsx_too_many_parts": "Tệp '{name}' gồm {count} thành phần, quá nhiều cho một tệp Excel (tối đa {limit}).",
    "xml_declaration": ("Tệp '{name}': phần '{part}' có khai báo DOCTYPE/ENTITY, điều tệp Excel thật không có; "
                        "tệp bị từ chối vì có thể gây hại."),
    "xml_encoding": ("Tệp '{name}': phần '{part}' không được mã hóa UTF-8 như tệp Excel thật; tệp bị từ chối vì "
                     "không kiểm tra được."),
    "xml_unreadable": ("Tệp '{name}': phần '{part}' có thẻ dòng/ô không đọc được (tham chiếu ô sai dạng); tệp bị "
                       "từ chối vì không kiểm tra được kích thước."),
    "number_too_large": "{where}: '{value}' lớn quá mức một chỉ số có thể có (tối đa {limit}).",
    "ytd_above_later": ("{where}: {numerator} cao hơn số lũy kế đã báo cáo cho quý {later_quarter} ({later}); chỉ số "
                        "'{indicator}' là số lũy kế từ đầu năm nên quý sau không thể thấp hơn quý trước. Hãy sửa cả "
                        "quý {later_quarter} trong cùng tệp."),
    "remove_with_figures": "{where}: đã ghi 'xóa' ở Tử số thì để trống Mẫu số.",
    "warn_remove_nothing": ("Sheet '{sheet}', dòng {row}: 'xóa' chỉ số '{indicator}' của {locality} quý {quarter}/{year}, "
                            "nhưng chưa có số liệu nào để xóa."),
    "warn_skipped_total": "Sheet '{sheet}': bỏ qua các dòng tổng cộng (không có mã chỉ số): dòng {rows}.",
    "warn_skipped_blank": ("Sheet '{sheet}': bỏ qua các dòng có chữ nhưng không có Tử số, Mẫu số, Ghi chú: dòng {rows} "
                           "(số liệu đang dùng của các chỉ số này được giữ nguyên)."),
    "warn_hidden_rows": "Sheet '{sheet}': các dòng bị ẩn vẫn được đọc và nạp: dòng {rows}. Hãy kiểm tra lại các dòng này.",
    "warn_hidden_columns": ("Sheet '{sheet}': các cột bị ẩn vẫn được đọc: cột {columns}. Hãy kiểm tra lại các cột này."),
    "warn_hidden_sheet": ("Sheet '{sheet}' bị ẩn nên không được đọc, dù có {count} dòng số liệu. Nếu cần nạp, hãy bỏ ẩn "
                          "sheet rồi gửi lại."),
    "xlsx_duplicate_parts": ("Tệp '{name}' có hai thành phần trùng tên, điều tệp Excel thật không có; tệp bị từ chối vì "
                             "có thể gây hại."),
})
CORRECTION = {
    "change": {"new": "mới", "changed": "thay đổi", "same": "không đổi", "carried": "giữ nguyên (tệp không ghi)",
               "removed": "xóa"},
    "line": "{change}: {unit} quý {quarter}/{year} — {indicator}: {old} → {new}",
    "change_label": {"new": "Mới", "changed": "Thay đổi", "same": "Không đổi", "carried": "Giữ nguyên (tệp không ghi)",
                     "removed": "Xóa"},  # the upload page's table
}
UI.update({
    "accepted_file": ("{name}: hợp lệ — {new} số liệu mới, {changed} thay đổi, {removed} xóa, {same} không đổi; "
                      "{carried} số liệu tệp không ghi được giữ nguyên."),
    "carried_removed": ("Báo cáo sửa lại chỉ thay những số liệu có trong tệp: {carried} số liệu tệp không ghi được giữ "
                        "nguyên từ phiên bản đang dùng, {removed} số liệu bị xóa (ghi 'xóa' ở cột Tử số). Xem từng "
                        "dòng trong bảng dưới đây."),
})
TEMPLATE.update({
    "number_or_remove_error": "Chỉ nhập số nguyên không âm (ví dụ 37), hoặc 'xóa' để xóa số liệu đã gửi trước đây.",
    "flag_or_remove_error": "Chỉ số định tính: nhập 1 (đã thực hiện), 0 (chưa thực hiện), hoặc 'xóa' để xóa số liệu đã gửi.",
})
TEMPLATE["instructions"] = [
    *TEMPLATE["instructions"][:4],
    "5. Dòng để trống là chưa có số liệu (khi sửa báo cáo đã gửi: số liệu đang dùng của dòng đó được giữ nguyên). "
    "Không xóa, không đổi tên các cột.",
    *TEMPLATE["instructions"][5:],
    "9. Sửa báo cáo đã gửi: gửi lại tệp, chỉ cần ghi các số liệu cần sửa; số liệu không ghi trong tệp được giữ nguyên. "
    "Muốn xóa hẳn một số liệu đã gửi, ghi chữ 'xóa' vào ô Tử số của chỉ số đó và để trống Mẫu số. Trước khi xác nhận, "
    "trang Nộp báo cáo liệt kê từng số liệu mới, thay đổi, giữ nguyên và bị xóa.",
]
# --- issue 13 (part B): user text shown as text; small numbers protected against subtraction ---
SMALL_NUMBERS = {
    "hidden": "ẩn",   # a figure hidden only so that a "<5" beside it cannot be worked out by subtraction
    "bad_person_count": "Chỉ số '{code}' trong danh mục chỉ số: person_count phải là true hoặc false, không phải '{value}'.",
}
# --- issue 14 (figures across the 1 July 2025 reform; "vượt mức"; periods of the year-by-year export) ---
REFORM = {
    "exceeded": " (vượt mức)",
    "predecessors": "gồm số liệu của {names} trước ngày 01/07/2025",
    "successors": "gồm số liệu của {names} từ ngày 01/07/2025",
    "majority": "{names} có đơn vị cũ thuộc nhiều địa bàn, được tính vào địa bàn có phần lớn đơn vị cũ",
    "compared": "so sánh trên {both}/{total} đơn vị có số liệu cả hai năm",
    "ended_levels": "{levels} không còn từ ngày 01/07/2025 (không có đơn vị kế thừa trong địa bàn): số liệu đến 30/06/2025",
    "merged_into": "Đã sáp nhập cùng đơn vị khác vào {name} từ ngày 01/07/2025: số liệu của đơn vị này đến 30/06/2025, nửa cuối năm xem ở {name}.",
    "judged_first_half": "chỉ tiêu được đánh giá trên số liệu quý I–II/2025",
    "year_period": "{year} ({period})",
    "period": {1: "quý I", 2: "6 tháng", 3: "9 tháng", 4: "cả năm"},
    "unit_code": "{} (mã {})",  # name, code: positional, as DuckDB's format() takes it
}
# --- after the attack on intake (duplicate headings) ---
MSG["duplicate_heading"] = ("Sheet '{sheet}', dòng {row}: hai cột cùng tiêu đề '{heading}' (cột {first} và cột {second}); "
                            "không rõ số liệu ở cột nào. Xóa hoặc đổi tên một cột rồi gửi lại.")
MSG["pd_bank_account"] = "số tài khoản ngân hàng"
MSG["pd_sender"] = ("Ô 'Người gửi' có vẻ chứa {kind}; chỉ ghi chức danh, đơn vị (hoặc họ tên của chính người gửi) "
                    "rồi gửi lại.")
MSG["where_drawing"] = "Sheet '{sheet}', hộp văn bản hoặc hình vẽ"
MSG["where_header_footer"] = "Sheet '{sheet}', đầu trang hoặc chân trang (khi in)"
MSG["where_validation"] = "Sheet '{sheet}', lời nhắc hoặc thông báo kiểm tra dữ liệu của ô"
MSG["where_defined_name"] = "Tên vùng dữ liệu (Name Manager) của tệp"
PROPERTY_FIELD["company"] = "Công ty"
PROPERTY_FIELD["manager"] = "Người quản lý"
# --- issue 18 (i18 part): uploads refresh only what they touch; the full refresh command ---
REFRESH = {
    "help": "tính lại toàn bộ bảng số liệu tổng hợp (các trang đọc từ bảng này)",
    "year_help": "chỉ tính lại năm này (có thể ghi nhiều lần); mặc định: mọi năm",
    "done": "Đã tính lại bảng số liệu tổng hợp: {rows} dòng.",
    "step": "[{i}/{n}] Đang tính lại số liệu năm {year}…",
}
# --- issue 16 (i16 part): heatmap names, plan picker, confirmations, honest charts, reporter journey ---
I16 = {
    "heatmap_blank": "Ô để trống: đơn vị không có số liệu của chỉ tiêu đó (không theo dõi hoặc chưa báo cáo).",
    "plan_number": "số {number}",
    "confirm": "Xác nhận",
    "cancel": "Hủy",
    "retire_ask": ("Ngừng theo dõi kế hoạch **{plan}**? Kế hoạch sẽ không còn trong danh sách ở mọi trang; số liệu đã "
                   "nhận được giữ nguyên. Việc này không hoàn tác được trên ứng dụng."),
    "actual_is": "Kết quả: {actual}{detail}",
    "behind_sentence": "**{label}**: {verb} {actual}{detail}, {need}. {status}.",
    "range_band": "Khoảng chỉ tiêu",
    "masked_group": "Số nhỏ được ẩn (không phải 0)",
    "masked_cell": "{mark} — ẩn để bảo vệ số nhỏ",
    "template_help": ("Chọn năm, quý và đơn vị báo cáo để tải mẫu có sẵn các chỉ tiêu của kế hoạch. Quý được chọn sẵn "
                      "là quý đang đến hạn báo cáo."),
    "report_unit": "Đơn vị báo cáo",
    "unit_option": "{name} (mã {code})",
    "quarter_due": "Quý đang đến hạn báo cáo: quý {quarter}/{year} (quý vừa kết thúc).",
    "no_report_units": "Không có đơn vị nào bạn được báo cáo có chỉ tiêu trong quý {quarter}/{year}.",
    "template_for": "Mẫu báo cáo của **{name}** (mã {code}), quý {quarter}/{year}.",
    "audit_access": "{username}: {old} → {new}",
    "audit_add": "thêm tài khoản {username} ({access})",
    "audit_plan": "{verb} kế hoạch {plan}",
    "audit_upload": "tệp '{file}' (mã kiểm tra {digest}): {returns}",
    "audit_return": "{name} (mã {code}), quý {quarter}/{year}, phiên bản {version}",
    "audit_sso": "đăng nhập một lần (SSO)",
}
# --- issue 17 (every word in one file): the command line, the plan catalog's checks ---
CLI = {  # python -m etl (etl/cli/main.py)
    "description": "Nạp và tra cứu số liệu phòng, chống mại dâm.",
    "db_help": "tệp DuckDB (mặc định: biến PCMD_DB, hoặc data/pcmd.duckdb)",
    "wait_help": "số giây chờ khi tệp đang bị chương trình khác ghi",
    "init_help": "tạo/cập nhật CSDL, nạp danh mục địa bàn và kế hoạch",
    "load_help": "nạp báo cáo quý (.xlsx)",
    "by": "dòng lệnh",  # who sent a return or made a change from the command line (history, audit trail)
    "by_help": "người gửi (ghi vào lịch sử phiên bản)",
    "targets_help": "danh sách chỉ tiêu",
    "localities_help": "danh mục địa bàn",
    "attainment_help": "kết quả thực hiện chỉ tiêu",
    "locality_help": "mã địa bàn (mặc định: địa bàn ban hành kế hoạch)",
    "template_help": "tải mẫu báo cáo quý (.xlsx) cho một địa bàn",
    "template_locality_help": "mã địa bàn",
    "export_help": "xuất bảng tổng hợp (Excel, CSV) hoặc phụ lục Word",
    "period_help": "số liệu lũy kế từ đầu năm đến hết kỳ (mặc định: cả năm)",
    "format_help": "mặc định: theo đuôi tệp kết quả",
    "table_help": "với CSV: chỉ xuất một bảng (mặc định: mọi bảng trong một tệp .zip)",
    "user_help": "xuất đúng phần số liệu tài khoản này được xem",
    "demo_help": "tạo CSDL minh họa từ các tệp Excel sinh tự động",
    "if_missing_help": "bỏ qua nếu CSDL đã có số liệu",
    "out_help": "thư mục ghi các tệp Excel minh họa",
    "demo_exists": "CSDL minh họa đã có: {path}",
    "initialised": "Đã khởi tạo CSDL: {localities} địa bàn, {indicators} chỉ số, {plans} kế hoạch, {targets} chỉ tiêu.",
    "warning": "  (lưu ý) {line}",
    "unknown_locality": "Không có địa bàn mã '{code}' tại quý {quarter}/{year}.",
    "year_outside": "Năm {year} nằm ngoài thời gian của kế hoạch '{plan}'.",
    "bad_format": "Hãy chọn --format xlsx, csv hoặc docx.",
    "no_table": "Kế hoạch một năm không có bảng '{table}'.",
    "template_written": "Đã ghi mẫu báo cáo: {path}",
}
YES = ("co", "có")  # what a user types at a command-line question to go ahead ("Gõ 'co' để …")
CATALOG = {  # a plan's targets checked (etl/model/catalog.py: data/plans.yaml, plan files, the plan editor)
    "years_reversed": "{plan}: năm bắt đầu sau năm kết thúc",
    "unknown_indicator": "chỉ số '{code}' không có trong danh mục chỉ số",
    "bad_rule": "quy tắc '{rule}' không hợp lệ",
    "no_value": "thiếu giá trị chỉ tiêu",
    "negative": "giá trị chỉ tiêu âm",
    "over_100": "tỷ lệ lớn hơn 100%",
    "range_reversed": "khoảng giá trị có cận dưới lớn hơn cận trên",
    "year_outside": "năm {year} nằm ngoài thời gian của kế hoạch",
    "bad_levels": "cấp áp dụng không hợp lệ: {levels}",
    "no_clause": "thiếu trích dẫn điều khoản",
}
