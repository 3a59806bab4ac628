"""A plan printed to PDF (by Chromium, with a text layer, as Word's "Save as PDF" makes them) gives the
same proposals as its text; a PDF with no text layer is refused with a message."""
import html
import os
from pathlib import Path

import pytest

from etl.plans import draft

SEEDS = Path(os.environ.get("PCMD_SEEDS") or Path(__file__).resolve().parents[3] / "shared" / "seeds")  # $PCMD_SEEDS: seeds kept elsewhere


def pdf_of(browser, text: str, style: str = "font-family: 'DejaVu Sans'") -> bytes:
    page = browser.new_page()
    page.set_content(f"<pre style=\"white-space: pre-wrap; {style}; font-size: 10pt\">{html.escape(text)}</pre>")
    content = page.pdf(format="A4")
    page.close()
    return content


def test_a_pdf_gives_the_same_proposals_as_the_text(browser):
    text = ("KẾ HOẠCH\nII. MỤC TIÊU\n- Ít nhất 30% cơ sở kinh doanh dịch vụ được kiểm tra.\n"
            "- Tổ chức từ 02 đến 04 buổi tuyên truyền.\n- Không để phát sinh tụ điểm mại dâm.\n"
            "III. NHIỆM VỤ\n- Kiểm tra 50% cơ sở.\n")
    assert draft.draft(draft.document_text("ke-hoach.pdf", pdf_of(browser, text))) == draft.draft(text)
    assert len(draft.draft(text)) == 3


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed plan texts (../shared/seeds) are not beside the repo")
def test_a_seed_plan_as_pdf_gives_the_same_proposals(browser):
    text = (SEEDS / "003_405c120174a04b0d.txt").read_text(encoding="utf-8")
    assert draft.draft(draft.document_text("quang-tri.pdf", pdf_of(browser, text))) == draft.draft(text)


def test_a_pdf_without_text_is_refused(browser):
    page = browser.new_page()
    page.set_content("<div style='width:200px;height:200px;background:#888'></div>")
    scanned = page.pdf(format="A4")
    page.close()
    with pytest.raises(draft.UnreadableDocument, match="không có lớp văn bản"):
        draft.document_text("ban-quet.pdf", scanned)


@pytest.mark.parametrize("style", ["font-family: serif; letter-spacing: 0.1em",
                                   "font-family: 'DejaVu Sans'; letter-spacing: 0.25em"], ids=["serif", "every-letter"])
def test_a_pdf_whose_text_layer_splits_words_is_mended_not_refused(browser, style):
    """Letter-spaced fonts give text layers such as "ki ể m tra" or "k i ể m  t r a": the words are mended."""
    text = ("Theo kế hoạch, năm 2026 huyện phấn đấu ít nhất 35% cơ sở kinh doanh dịch vụ được kiểm tra; 80% học "
            "sinh được tuyên truyền.\nTổ chức từ 02 đến 04 buổi trao đổi, tuyên truyền tại các khu phố.\n"
            "Không để phát sinh điểm, tụ điểm phức tạp về mại dâm.\n")
    mended = draft.document_text("gian-chu.pdf", pdf_of(browser, text, style))
    assert "kiểm tra" in mended and "trao đổi" in mended and "tuyên truyền" in mended
    assert draft.draft(mended) == draft.draft(text)
    assert [(p.indicator_code, p.value) for p in draft.draft(text)] == [
        ("establishments_inspected", 35.0), ("students_reached", 80.0), ("outreach_sessions", 2.0), ("new_hotspots", 0.0)]
