"""How long drafting takes, and how well PDFs whose text layer has spaces inside words are mended.

python3 bench/draft.py [--pdf]

1. A 30-page plan (the five seed plans and the written corpus, repeated to ~30 A4 pages of 13-pt text,
   about 3 000 characters a page): draft() timed, median of 5.
2. With --pdf (needs /usr/bin/chromium): the seed plans printed to PDF by Chromium plain and with letter
   spacing (the fonts whose text layer comes out as "ki ể m tra"), read back by pypdf alone, pypdf +
   syllable mending, pdfplumber alone, and as the app reads them (document_text); for each, the share of
   the text's words found back and the share of the text's proposals found back; and the time to read the
   30-page plan as a letter-spaced PDF."""
from __future__ import annotations

import argparse
import html
import io
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.plans import (
    draft,  # noqa: E402
    draft_read,
    draft_syllables,
)

SEEDS = Path(os.environ.get("PCMD_SEEDS") or ROOT.parent / "shared" / "seeds")
PAGE = 3000
STYLES = {"plain": "font-family: 'DejaVu Sans'", "letter-spaced serif": "font-family: serif; letter-spacing: 0.1em",
          "every letter spaced": "font-family: 'DejaVu Sans'; letter-spacing: 0.25em"}


def texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    corpus = [line[3:] for line in (ROOT / "tests" / "data" / "draft_corpus.txt").read_text(encoding="utf-8")
              .splitlines() if line.startswith("S: ")]
    return seeds + ["\n".join(corpus)]


def thirty_pages() -> str:
    """Whole texts, one after the other, cut at 30 pages."""
    plan = ""
    while len(plan) < 30 * PAGE:
        plan += "\n".join(texts()) + "\n"
    return plan[:30 * PAGE]


def timed(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def words(text: str) -> Counter:
    return Counter(" ".join(text.split()).lower().split())


def keys(text: str) -> Counter:
    return Counter((p.indicator_code, p.comparator, p.value, p.value_high, p.year) for p in draft.draft(text))


def pdf_figures(plan: str) -> None:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader
    readers = {"pypdf": lambda d: draft_read._pypdf("x.pdf", d),
               "pypdf + mending": lambda d: draft_syllables.mend_text(draft_read._pypdf("x.pdf", d)),
               "as the app reads (document_text)": lambda d: draft.document_text("x.pdf", d)}
    try:
        import pypdfium2

        def pdfium(data: bytes) -> str:
            doc = pypdfium2.PdfDocument(data)
            return "\n".join(doc[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(doc)))
        readers["pypdfium2"] = pdfium
        readers["pypdfium2 + mending"] = lambda d: draft_syllables.mend_text(pdfium(d))
    except ImportError:
        pass
    try:
        import pdfplumber  # not a dependency of the app: compared here when installed

        def plumber(data: bytes) -> str:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)
        readers["pdfplumber (placing each character)"] = plumber
    except ImportError:
        pass
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)

        def pdf(text: str, style: str) -> bytes:
            page = browser.new_page()
            page.set_content(f"<pre style=\"white-space: pre-wrap; {style}; font-size: 10pt\">{html.escape(text)}</pre>")
            data = page.pdf(format="A4")
            page.close()
            return data

        sources = texts()[:-1]
        print("\n| PDF of the seed plans | reader | words found back | proposals found back |\n|---|---|---|---|")
        for name, style in STYLES.items():
            pdfs = [pdf(t, style) for t in sources]
            for reader, read in readers.items():
                w = p_ = w_all = p_all = 0
                for text, data in zip(sources, pdfs):
                    got = read(data) or ""
                    want_w, want_p = words(text), keys(text)
                    w += sum((words(got) & want_w).values())
                    w_all += sum(want_w.values())
                    p_ += sum((keys(got) & want_p).values())
                    p_all += sum(want_p.values())
                print(f"| {name} | {reader} | {w / w_all:.1%} | {p_}/{p_all} |")
        print()
        for style in ("plain", "letter-spaced serif"):
            big = pdf(plan, STYLES[style])
            pages = len(PdfReader(io.BytesIO(big)).pages)
            for name, read in readers.items():
                if name in ("pypdf + mending", "as the app reads (document_text)"):
                    seconds = timed(lambda: draft.draft(read(big)), runs=1 if "plumber" in name else 3)
                    print(f"- a {pages}-page {style} PDF read by {name} and drafted: {seconds:.1f} s")
        browser.close()


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--pdf", action="store_true")
    pdf = args.parse_args().pdf
    plan = thirty_pages()
    draft.draft("II. MỤC TIÊU\n- Ít nhất 30% cơ sở được kiểm tra.")   # warm (lexicon, syllables)
    seconds = timed(lambda: draft.draft(plan))
    print(f"a 30-page plan ({len(plan)} characters, {len(draft.draft(plan))} proposals): draft() {seconds:.2f} s "
          f"(median of 5)")
    if pdf:
        pdf_figures(plan)


if __name__ == "__main__":
    main()
