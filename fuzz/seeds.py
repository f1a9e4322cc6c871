#!/usr/bin/env python3
"""Write the fuzzers' seed corpora (fuzz/seeds/text/ for normalize and segment, fuzz/seeds/<target>/ for the others) from the repository's own material:
the example article's revisions, the sentence suite's cases, the alignment fixtures, the example
claims file, manifest, chain and ledger. Deterministic; run from the repository root after those
files change. Seeds are small on purpose (a seed per paragraph or case, not whole files where a
part will do): libFuzzer mutates short inputs faster, and it sets its default input length limit
from the largest seed."""
import hashlib
import json
import pathlib
import shutil

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "seeds"


def write(target, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def read(rel):
    return (root / rel).read_text(encoding="utf-8")


shutil.rmtree(out, ignore_errors=True)
r1 = read("tests/fixtures/xi-putin-summit/r1.txt")
r2 = read("tests/fixtures/xi-putin-summit/r2.txt")

# Texts: each paragraph of the example article, the article itself, each case of the sentence
# suite (its input, before the "---" line) and the added sentences of the alignment fixtures.
texts = [r1, r2] + [p for p in r1.split("\n\n") if p.strip()]
for case in read("tests/fixtures/sentences/news.txt").split("===\n"):
    body = "\n".join(l for l in case.split("\n") if not l.startswith("#")).strip("\n")
    if "---" in body:
        texts.append(body.split("\n---", 1)[0].strip("\n"))
texts.append(read("tests/fixtures/alignment/additions.txt"))
# Normalization v1's own cases: NFKC, curly quotes and dashes, invisible characters, white space.
texts.append("\ufb01nance \u2018quoted\u2019 \u201cdouble\u201d \u2013 \u2212 x\u00b2 \u2460\n\t soft\u00adhyphen zero\u200bwidth \ufeffBOM \u3000ideographic\u00a0nbsp e\u0301 \u212b")
for t in texts:
    write("text", t)

# Pairs for diff: old text, NUL, new text.
write("diff", r1 + "\0" + r2)
pars1 = [p for p in r1.split("\n\n") if p.strip()]
pars2 = [p for p in r2.split("\n\n") if p.strip()]
for a, b in zip(pars1, pars2):
    write("diff", a + "\0" + b)
for name in ("rewrites.tsv", "splits.tsv"):
    for line in read(f"tests/fixtures/alignment/{name}").splitlines():
        if line and not line.startswith("#"):
            old, *new = line.split("\t")
            write("diff", old + "\0" + " ".join(new))
            write("diff", " ".join(new) + "\0" + old)  # the other way round: a merge

# Files a hand may have edited: a claims file cut to its first claims, the manifest, the
# snapshot chain, the ledger (first lines) and a write journal.
claims = json.loads(read("claims/xi-putin-summit.json"))
claims["claims"] = claims["claims"][:2]
write("claims_file", json.dumps(claims, indent=2, ensure_ascii=False) + "\n")
write("claims_file", read("snapshots/xi-putin-summit/manifest.json"))
write("claims_file", read("snapshots/xi-putin-summit/chain.jsonl"))
write("claims_file", "".join(read("claims/xi-putin-summit.ledger.jsonl").splitlines(True)[:3]))
write("claims_file", json.dumps({"version": 1, "writes": [{"target": "claims/a.json", "staged": "claims/.a.json.x1y2z3.tmp", "sha256": "0" * 64}]}))
write("claims_file", "2024-05-16T08:00:00Z")
