"""Drafting measured on real texts: recall and precision per document and overall.

    python3 bench/draft_measure.py FOLDER LABELS.yaml [--misses] [--overall]

FOLDER holds the texts (NN.txt, one document each); LABELS.yaml maps each document's stem to the
quantitative targets a careful reader finds in it (the texts and labels are kept out of the repository):

    "07":
      - {f: "ít nhất 60% người lao động …", i: industrial_workers_reached, r: ge, v: 60, y: 2025}

i: the indicator code, a list of acceptable codes, or null (must be proposed with no indicator);
r: ge (at_least, all, cumulative_by), le (at_most), range, growth, decrease, n_of_n, no_decrease;
v, h: value and high value; y: the year (an int, null for none, "2025?" for 2025 or none: a year given
only in a lead-in); near: true for a near-domain target (drugs, HIV …): optional, and never with an
indicator; opt: true for a doubtful one (neither counted nor penalised when proposed as labelled).

Qualitative proposals are not counted (the labels list quantitative targets only). A proposal matching
no label is a false one; so is a second proposal of one target (a lead paragraph repeating the body).
--misses prints what was missed and what was proposed wrongly; --overall prints only the totals (for a
held-out half, so that its details do not steer the tuning)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from etl.plans import draft  # noqa: E402

FAMILY = {"at_least": "ge", "all": "ge", "cumulative_by": "ge", "at_most": "le"}


def key(p: draft.Proposal) -> tuple:
    return p.indicator_code, FAMILY.get(p.comparator, p.comparator), p.value, p.value_high, p.year


def fits(label: dict, proposal: tuple) -> bool:
    code, family, value, high, year = proposal
    codes = label["i"] if isinstance(label.get("i"), list) else [label.get("i")]
    if label.get("near"):
        codes = [None]
    if code not in codes or family != label["r"]:
        return False
    if family != "no_decrease" and not (value is not None and abs(value - float(label["v"])) < 1e-9):
        return False
    if (high is None) != (label.get("h") is None) or (high is not None and abs(high - float(label["h"])) > 1e-9):
        return False
    wanted = label.get("y")
    if isinstance(wanted, str) and wanted.endswith("?"):
        return year in (None, int(wanted[:-1]))
    return year == wanted


def score(text: str, labels: list[dict]) -> tuple[int, int, int, list[str]]:
    """(hits, wanted, proposed, notes) for one document."""
    proposals = [p for p in draft.draft(text) if p.comparator != "qualitative"]
    free = list(range(len(proposals)))
    notes, hits = [], 0
    required = [lab for lab in labels if not lab.get("near") and not lab.get("opt")]
    optional = [lab for lab in labels if lab.get("near") or lab.get("opt")]
    for label in required + optional:
        found = next((i for i in free if fits(label, key(proposals[i]))), None)
        if found is not None:
            free.remove(found)
            hits += label in required
        elif label in required:
            notes.append(f"  missed: {label}")
    ignored = len(proposals) - len(free) - hits          # matched an optional label
    for i in free:
        notes.append(f"  wrong:  {key(proposals[i])}  «{proposals[i].clause[:110]}»")
    return hits, len(required), len(proposals) - ignored, notes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--overall", action="store_true")
    args = parser.parse_args(argv)
    labels = yaml.safe_load(args.labels.read_text(encoding="utf-8"))
    total = [0, 0, 0]
    for path in sorted(args.folder.glob("*.txt")):
        if path.stem not in labels:
            print(f"{path.name}: no labels", file=sys.stderr)
            return 2
        hits, wanted, proposed, notes = score(path.read_text(encoding="utf-8"), labels[path.stem] or [])
        total = [total[0] + hits, total[1] + wanted, total[2] + proposed]
        if not args.overall:
            print(f"{path.name}: recall {hits}/{wanted}, precision {hits}/{proposed}")
            if args.misses:
                print("\n".join(notes)) if notes else None
    hits, wanted, proposed = total
    docs = len(list(args.folder.glob("*.txt")))
    share = lambda n, d: f"{n / d:.1%}" if d else "n/a"  # noqa: E731
    print(f"overall ({docs} documents): recall {hits}/{wanted} = {share(hits, wanted)}, "
          f"precision {hits}/{proposed} = {share(hits, proposed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
