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

LEVEL = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã", "neighbourhood": "Thôn, tổ dân phố"}

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
    "warn_stock_change": "Dòng {row} (sheet '{sheet}'): mẫu số {value} thay đổi hơn 1/3 so với quý {previous_quarter} ({previous}); hãy kiểm tra lại.",
    "no_bulk_sheet": "Tệp '{name}' không có trang tính nào có dòng tiêu đề gồm các cột: {columns}.",
    "already_loaded": "Tệp '{name}' giống hệt số liệu đã nạp trước đó: không có gì thay đổi.",
    "db_busy": "Cơ sở dữ liệu '{path}' đang được một chương trình khác ghi (có thể là ứng dụng đang mở). Đã chờ {seconds:.0f} giây. Hãy nạp tệp qua trang 'Nộp báo cáo' của ứng dụng, hoặc đóng ứng dụng rồi chạy lại lệnh.",
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
    "ambiguous_locality": "{where}: mã địa bàn '{value}' không rõ (khớp nhiều đơn vị: {candidates}); hãy ghi đủ chữ số, định dạng ô là Văn bản.",
    "unknown_indicator": "{where}: mã chỉ số '{value}' không có trong danh mục chỉ số.",
    "numerator_gt_denominator": "{where}: {numerator} lớn hơn mẫu số {denominator}.",
    "zero_denominator": "{where}: mẫu số bằng 0 nhưng tử số là {numerator}.",
    "denominator_required": "{where}: chỉ số '{indicator}' là tỷ lệ, cần ghi mẫu số.",
    "denominator_for_count": "{where}: chỉ số '{indicator}' là số đếm, không có mẫu số; hãy để trống ô này.",
    "qualitative_value": "{where}: chỉ số '{indicator}' là định tính: ghi 1 (đã thực hiện) hoặc 0 (chưa thực hiện).",
    "duplicate_conflict": "{where}: địa bàn {locality}, chỉ số '{indicator}', quý {quarter}/{year} đã có ở dòng {first_row} với số liệu khác.",
    "duplicate_same": "Dòng {row} lặp lại dòng {first_row} (cùng địa bàn, chỉ số, quý và số liệu): chỉ ghi một lần.",
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
    "page_attainment": "Kết quả thực hiện chỉ tiêu",
    "plan": "Kế hoạch",
    "year": "Năm",
    "period": "Kỳ báo cáo",
    "no_database": "Chưa có cơ sở dữ liệu tại '{path}'. Hãy chạy: python -m etl demo (dữ liệu minh họa) hoặc python -m etl init.",
    "no_plans": "Chưa có kế hoạch nào trong cơ sở dữ liệu. Hãy chạy: python -m etl init.",
    "no_data_period": "Chưa có báo cáo nào của năm {year} (kỳ: {period}) cho kế hoạch này. Hãy nạp báo cáo quý bằng lệnh python -m etl load.",
    "summary": "{met} chỉ tiêu đạt, {on_track} đúng tiến độ, {behind} chậm tiến độ, {not_met} không đạt, {no_data} chưa có số liệu (trên {total} chỉ tiêu).",
    "chart_title": "Tỷ lệ đạt được so với chỉ tiêu — {locality}, {period}",
    "chart_x": "Tỷ lệ (%)",
    "chart_actual": "Kết quả",
    "chart_target": "Chỉ tiêu cả năm",
    "chart_expected": "Mức cần đạt đến kỳ này",
    "table_caption": "Bảng số liệu (cùng số liệu với biểu đồ)",
    "col_indicator": "Chỉ tiêu",
    "col_target": "Mức chỉ tiêu",
    "col_actual": "Kết quả",
    "col_fraction": "Tử số / mẫu số",
    "col_status": "Trạng thái",
    "col_coverage": "Đơn vị có số liệu",
    "col_clause": "Trích kế hoạch",
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
    "counts_note": "Chỉ tiêu tính bằng số lượng (buổi, vụ, điểm, xã) xem trong bảng dưới.",
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
    "validation_title": "Số liệu không hợp lệ",
    "whole_number_error": "Chỉ nhập số nguyên không âm (ví dụ 37).",
    "flag_error": "Chỉ số định tính: nhập 1 (đã thực hiện) hoặc 0 (chưa thực hiện).",
}

ERROR_REPORT = {
    "sheet": "Danh sách lỗi",
    "title": "Tệp bị từ chối: {count} lỗi. Các ô lỗi được tô đỏ và có ghi chú; sửa xong hãy gửi lại tệp.",
    "headings": ["Sheet", "Dòng", "Cột", "Lỗi"],
    "author": "Hệ thống theo dõi PCMD",
}
