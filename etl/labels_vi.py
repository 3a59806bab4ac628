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
    "counts_note": "Chỉ tiêu tính bằng số lượng (buổi, vụ, điểm, xã) xem trong bảng dưới.",
}
