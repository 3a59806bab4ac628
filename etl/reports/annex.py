"""The Word annex leaders attach to their six-month or yearly report ("Phụ lục kết quả thực hiện
chỉ tiêu"), laid out as Nghị định 30/2020/NĐ-CP asks: issuing body and national motto at the top,
place and date, Times New Roman, A4 with its margins."""
from __future__ import annotations

import io
from itertools import groupby

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from etl.engine.results import TargetResult
from etl.labels_vi import EXPORT, REFORM, STATUS
from etl.reports import format as fmt
from etl.reports.export_tables import Export

FONT, SIZE = "Times New Roman", 13
UNIT_TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tổ dân phố", "Khu phố", "Phường", "Xã", "Huyện",
              "Quận", "Tỉnh", "Thôn", "Xóm")


def place_name(name: str) -> str:
    """'Phường Bạch Đằng' -> 'Bạch Đằng', as the place in 'Bạch Đằng, ngày … tháng … năm …'."""
    for kind in UNIT_TYPES:
        if name.startswith(kind + " "):
            return name[len(kind) + 1:]
    return name


def sentence(r: TargetResult) -> str:
    """One target's result in plain words: 'Cơ sở … được kiểm tra: 37/148 (25,0%), đạt chỉ tiêu ≥ 25%.'"""
    name = r.indicator_name
    if r.numerator is None and not r.suppressed:
        return EXPORT["sentence_no_data"].format(name=name)
    target = fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year)
    actual = fmt.actual_of(r)
    verdict = EXPORT["verdict"][r.status] + (REFORM["exceeded"] if r.exceeded else "")
    count = lambda f: fmt.hidden_mark(r, f) if r.suppressed and getattr(r, f) is None \
        else fmt.number(getattr(r, f))  # noqa: E731 ("<5" or "ẩn" where a small number is protected)
    values = dict(name=name, target=target, actual=actual, verdict=verdict, unit=r.unit,
                  numerator=count("numerator"), denominator=count("denominator"),
                  previous=fmt.number(r.previous_numerator))
    if r.comparator == "qualitative":
        return EXPORT["sentence_qualitative"].format(**values)
    if r.comparator == "growth":
        return EXPORT["sentence_growth"].format(**values)
    if (r.denominator is not None or "denominator" in r.secondary) and r.comparator != "n_of_n":
        return EXPORT["sentence_share"].format(**values)
    return EXPORT["sentence_count"].format(**values)


def docx(export: Export) -> bytes:
    document = Document()
    _page_and_font(document)
    _heading_block(document, export)
    _centred(document, EXPORT["annex_title"], bold=True, space_before=12)
    _centred(document, EXPORT["annex_subtitle"], bold=True)
    locality = export.locality_name[:1].lower() + export.locality_name[1:]  # mid-sentence: "của phường Bạch Đằng"
    _centred(document, EXPORT["annex_attached"].format(period=export.period, locality=locality),
             italic=True)
    document.add_paragraph(EXPORT["annex_plan"].format(plan=export.plan_title))
    document.add_paragraph().add_run(EXPORT["annex_table"]).bold = True
    _results_table(document, export.results)
    document.add_paragraph().add_run(EXPORT["annex_summary"]).bold = True
    for section, results in groupby(export.results, key=lambda r: r.section or EXPORT["group_other"]):
        document.add_paragraph().add_run(section).italic = True
        paragraph = document.add_paragraph(" ".join(sentence(r) for r in results))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page_and_font(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(SIZE)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word otherwise picks another font for some text
    style.paragraph_format.space_after = Pt(6)


def _heading_block(document, export: Export) -> None:
    """Issuing body (left) and national motto (right), then the place and date line."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    _cell_line(left.paragraphs[0], EXPORT["issuer"].format(name=export.locality_name).upper(), bold=True)
    _cell_line(right.paragraphs[0], EXPORT["motto_1"], bold=True, size=12)
    motto = right.add_paragraph()
    _cell_line(motto, EXPORT["motto_2"], bold=True, underline=True)
    date = document.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    made = export.made_on
    date.add_run(EXPORT["place_date"].format(place=place_name(export.locality_name), day=made.day,
                                             month=made.month, year=made.year)).italic = True


def _cell_line(paragraph, text: str, bold=False, underline=False, size=SIZE) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.underline, run.font.size = bold, underline, Pt(size)


def _centred(document, text: str, bold=False, italic=False, space_before=0) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic


def _results_table(document, results: list[TargetResult]) -> None:
    table = document.add_table(rows=1, cols=len(EXPORT["annex_headers"]))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, EXPORT["annex_headers"]):
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    for r in results:
        values = [fmt.target_number(r.target_id), r.indicator_name,
                  fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year),
                  fmt.actual_of(r),
                  fmt.fraction_of(r), STATUS[r.status] + (REFORM["exceeded"] if r.exceeded else "")]
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    for row in table.rows:
        for cell, width in zip(row.cells, (1.0, 6.5, 2.5, 2.2, 2.2, 2.2)):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12)


def _repeat_header(row) -> None:
    """The header row repeats on every page of a long table."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
