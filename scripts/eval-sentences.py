#!/usr/bin/env python3
"""Sentence-end boundary precision / recall / F1 of claimtrail (and of stock segmenters) on
Universal Dependencies English treebanks: GUM (Wikinews news and eleven other genres) and EWT.

Data: the treebanks' git snapshots (default paths below; read with `git show`, nothing is
copied into this repository). Only GUM's dev and train documents are read, never its test split:
train documents come from `en_gum-ud-train.conllu` when the snapshot holds it, otherwise from
`not-to-release/sources/<doc>.conllu` for the documents `not-to-release/file-lists/files.train`
lists (the same `# text` lines; the released train file is too large for some snapshots). Those
lists predate the latest release, which moved eight documents between splits: a listed train
document that the released test or dev file holds (only their `newdoc` ids are read for this)
is left out, and reading a test document is refused.

How a document's text is rebuilt (what the article would look like as plain text): sentences
come from the `# text =` lines; sentences of one paragraph are joined by one space, paragraphs
(each `# newpar` line opens one; GUM's headings, datelines, captions and list items are
paragraphs of their own) by one blank line, and the text ends with a newline. So the gold
boundaries between paragraphs are given by the layout; those inside a paragraph are what a
segmenter has to find, and the `inner` columns score only those.

Scoring: a boundary is the end of a sentence, counted as the number of non-space characters
before it, so segmenters that trim or re-space their output align with the gold. A predicted
end is right when a gold sentence ends there. claimtrail is run as `claimtrail inspect FILE
--format json`, one process per document; its `sentences` (byte spans) are the sentences as the
reading layer has them: a quotation that runs over several sentences is one sentence (read as
one claim per quoted sentence), so gold ends inside such a quotation count as misses, and are
counted apart in the miss categories. `--pieces` scores the pieces instead (one per quoted
sentence: what claims are read from), printed by `examples/pieces.rs`.

Usage:
  scripts/eval-sentences.py [--corpus gum|ewt] [--split dev|train] [--genre news]
                            [--compare] [--pieces PATH] [--show N] [--system NAME]
                            [--binary PATH]

`--compare` also runs pysbd, sentencex, blingfire and syntok on the same texts when they are
importable (install them in a virtualenv; claimtrail's part needs only the standard library).
`--show N` prints N misses and N false splits of `--system` (default claimtrail) with context.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

GUM = "/work/.mirror/UniversalDependencies+UD_English-GUM/repo"
EWT = "/work/.mirror/UniversalDependencies+UD_English-EWT/repo"


def git_show(git_dir, path):
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")


def git_has(git_dir, path):
    r = subprocess.run(
        ["git", "--git-dir", git_dir, "cat-file", "-e", f"HEAD:{path}"],
        capture_output=True,
    )
    return r.returncode == 0


def parse_conllu(raw):
    """Documents as (id, paragraphs), each paragraph a list of sentence texts."""
    docs = []
    for line in raw.splitlines():
        if line.startswith("# newdoc"):
            doc_id = line.split("=", 1)[1].strip() if "=" in line else f"doc{len(docs)}"
            docs.append((doc_id, []))
        elif line.startswith("# newpar"):
            if not docs:
                docs.append(("doc0", []))
            docs[-1][1].append([])
        elif line.startswith("# text ="):
            if not docs:
                docs.append(("doc0", []))
            if not docs[-1][1]:
                docs[-1][1].append([])
            docs[-1][1][-1].append(line.split("=", 1)[1].strip())
    return [(d, [p for p in paras if p]) for d, paras in docs]


def doc_ids(raw):
    return {
        line.split("=", 1)[1].strip() for line in raw.splitlines() if line.startswith("# newdoc id")
    }


def load(corpus, split, gum_dir, ewt_dir):
    if corpus == "ewt":
        if split != "dev":
            sys.exit("EWT: only its dev split is read here")
        return parse_conllu(git_show(ewt_dir, "en_ewt-ud-dev.conllu"))
    # The file lists predate the latest release, which moved documents between splits: a test
    # document is one either names. Only the `newdoc` ids of the released test file are read.
    test_docs = set(git_show(gum_dir, "not-to-release/file-lists/files.test").split())
    test_docs |= doc_ids(git_show(gum_dir, "en_gum-ud-test.conllu"))
    if split == "dev":
        docs = parse_conllu(git_show(gum_dir, "en_gum-ud-dev.conllu"))
    elif git_has(gum_dir, "en_gum-ud-train.conllu"):
        docs = parse_conllu(git_show(gum_dir, "en_gum-ud-train.conllu"))
    else:
        docs, absent = [], []
        dev_docs = doc_ids(git_show(gum_dir, "en_gum-ud-dev.conllu"))
        for name in git_show(gum_dir, "not-to-release/file-lists/files.train").split():
            if name in test_docs or name in dev_docs:
                continue
            path = f"not-to-release/sources/{name}.conllu"
            if git_has(gum_dir, path):
                docs.extend(parse_conllu(git_show(gum_dir, path)))
            else:
                absent.append(name)
        if absent:
            # GUM's Reddit documents are distributed without their text.
            print(f"{len(absent)} train documents have no text in the snapshot, skipped", file=sys.stderr)
    for d, _ in docs:
        if d in test_docs:
            sys.exit(f"{d} is a test document: refusing to read it")
    return docs


def rebuild(paragraphs):
    """The document's text, its gold sentence ends and its paragraph ends (character offsets)."""
    parts, ends, para_ends = [], [], []
    pos = 0
    for k, para in enumerate(paragraphs):
        if k:
            parts.append("\n\n")
            pos += 2
        for j, s in enumerate(para):
            if j:
                parts.append(" ")
                pos += 1
            parts.append(s)
            pos += len(s)
            ends.append(pos)
        para_ends.append(pos)
    parts.append("\n")
    return "".join(parts), ends, para_ends


class Aligner:
    """Maps character offsets, and sentence strings, to non-space character counts."""

    def __init__(self, text):
        self.text = text
        self.before = [0] * (len(text) + 1)
        n = 0
        for i, c in enumerate(text):
            self.before[i] = n
            if not c.isspace():
                n += 1
        self.before[len(text)] = n
        self.dense = "".join(c for c in text if not c.isspace())
        self.unaligned = 0

    def at(self, char_offset):
        return self.before[char_offset]

    def ends_of_strings(self, sentences):
        """Ends of consecutive sentence strings, found in order in the text."""
        cursor, out = 0, []
        for s in sentences:
            d = "".join(c for c in s if not c.isspace())
            if not d:
                continue
            k = self.dense.find(d, cursor)
            if k < 0:
                self.unaligned += 1
                cursor += len(d)
            else:
                cursor = k + len(d)
            out.append(cursor)
        return out


def run_claimtrail(binary, text, workdir):
    path = os.path.join(workdir, "doc.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = subprocess.run(
        [binary, "inspect", path, "--format", "json"], check=True, capture_output=True
    ).stdout
    raw = text.encode("utf-8")
    spans = []
    for s in json.loads(out)["sentences"]:
        # Byte spans to character offsets.
        start = len(raw[: s["start"]].decode("utf-8"))
        end = start + len(raw[s["start"] : s["end"]].decode("utf-8"))
        spans.append((start, end))
    return spans


def run_pieces(binary, text, workdir):
    path = os.path.join(workdir, "doc.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = subprocess.run([binary, path], check=True, capture_output=True).stdout.decode()
    raw = text.encode("utf-8")
    return [len(raw[: int(line.split()[1])].decode("utf-8")) for line in out.splitlines()]


def stock_segmenters():
    """The stock segmenters that import, each as text -> list of sentence strings."""
    found = {}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = ("strings", seg.segment)
    except ImportError:
        pass
    try:
        import sentencex

        found["sentencex"] = ("strings", lambda t: list(sentencex.segment("en", t)))
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = ("strings", lambda t: blingfire.text_to_sentences(t).split("\n"))
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_sentences(t):
            # Token offsets restart at each paragraph: rebuild the strings instead.
            return [
                "".join(tok.spacing + tok.value for tok in sentence)
                for paragraph in syntok_segmenter.process(t)
                for sentence in paragraph
            ]

        found["syntok"] = ("strings", syntok_sentences)
    except ImportError:
        pass
    return found


def quote_open(s):
    """Is a double quotation left open in `s` (straight marks toggle, curly ones say)?"""
    open_ = False
    for c in s:
        if c == "\u201c":
            open_ = True
        elif c == "\u201d":
            open_ = False
        elif c == '"':
            open_ = not open_
    return open_


def category(text, gold_end, pred_spans):
    """Why a gold end was missed, roughly, for claimtrail."""
    for start, end in pred_spans or []:
        if start < gold_end < end:
            if quote_open(text[start:gold_end]):
                return "inside a quotation joined by design"
            break
    before = text[gold_end - 1]
    if before in ".!?" or (before in "\"'\u201d\u2019)]" and text[gold_end - 2] in ".!?"):
        return "after a full stop/question/exclamation"
    if before in ":;":
        return "after a colon/semicolon"
    return "no end punctuation"


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def context(text, at, width=70):
    left = text[max(0, at - width) : at].replace("\n", "\u23ce")
    right = text[at : at + width].replace("\n", "\u23ce")
    return f"{left}\u2038{right}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=["gum", "ewt"], default="gum")
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--genre", help="GUM genre (news, interview, voyage, whow, bio, academic, ...)")
    ap.add_argument("--compare", action="store_true", help="also run the stock segmenters")
    ap.add_argument("--show", type=int, default=0, help="print N misses and N false splits")
    ap.add_argument("--system", default="claimtrail", help="whose errors --show prints")
    ap.add_argument("--binary", default="target/release/claimtrail")
    ap.add_argument(
        "--pieces",
        metavar="PATH",
        help="also score claimtrail's pieces, printed by examples/pieces.rs "
        "(cargo build --release --example pieces; PATH target/release/examples/pieces)",
    )
    ap.add_argument("--gum", default=GUM, help="git dir of UD_English-GUM")
    ap.add_argument("--ewt", default=EWT, help="git dir of UD_English-EWT")
    args = ap.parse_args()

    docs = load(args.corpus, args.split, args.gum, args.ewt)
    if args.genre:
        docs = [(d, p) for d, p in docs if d.startswith(f"GUM_{args.genre}_")]
    if not docs:
        sys.exit("no documents")
    systems = {"claimtrail": ("claimtrail", None)}
    if args.pieces:
        systems["pieces"] = ("pieces", None)
    if args.compare:
        systems.update(stock_segmenters())

    # Per system: tp, predicted, gold; the same for inner (non-paragraph-final) boundaries.
    totals = {name: Counter() for name in systems}
    misses, splits = [], []
    categories = Counter()
    with tempfile.TemporaryDirectory() as workdir:
        for doc_id, paragraphs in docs:
            text, gold_ends, para_ends = rebuild(paragraphs)
            al = Aligner(text)
            gold = {al.at(e) for e in gold_ends}
            paras = {al.at(e) for e in para_ends}
            for name, (kind, fn) in systems.items():
                spans = None
                unaligned = al.unaligned
                if kind == "claimtrail":
                    spans = run_claimtrail(args.binary, text, workdir)
                    pred = {al.at(e) for _, e in spans}
                elif kind == "pieces":
                    pred = {al.at(e) for e in run_pieces(args.pieces, text, workdir)}
                else:
                    pred = set(al.ends_of_strings(fn(text)))
                pred.discard(0)
                t = totals[name]
                t["tp"] += len(pred & gold)
                t["pred"] += len(pred)
                t["gold"] += len(gold)
                t["itp"] += len((pred & gold) - paras)
                t["ipred"] += len(pred - paras)
                t["igold"] += len(gold - paras)
                t["unaligned"] += al.unaligned - unaligned
                if name == args.system or name == "claimtrail":
                    by_key = {al.at(e): e for e in gold_ends}
                    for k in sorted(gold - pred):
                        kind_of = category(text, by_key[k], spans) if spans else ""
                        if name == "claimtrail":
                            categories[kind_of] += 1
                        if name == args.system:
                            misses.append((doc_id, text, by_key[k], kind_of))
                    if name == args.system:
                        offset_of = {}
                        for i in range(len(text), -1, -1):
                            offset_of[al.before[i]] = i
                        for k in sorted(pred - gold):
                            # The end of the last non-space character before it.
                            i = offset_of[k]
                            while i > 0 and text[i - 1].isspace():
                                i -= 1
                            splits.append((doc_id, text, i))

    label = f"{args.corpus.upper()} {args.split}" + (f", genre {args.genre}" if args.genre else "")
    n_sent = totals["claimtrail"]["gold"]
    print(f"{label}: {len(docs)} documents, {n_sent} sentences, {totals['claimtrail']['igold']} inside paragraphs")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6}   {'inner P':>7} {'inner R':>7} {'inner F1':>8}")
    for name, t in totals.items():
        p, r, f = prf(t["tp"], t["pred"], t["gold"])
        ip, ir, if_ = prf(t["itp"], t["ipred"], t["igold"])
        note = f"   ({t['unaligned']} sentences not found in the text)" if t["unaligned"] else ""
        print(f"{name:<12} {p:6.3f} {r:6.3f} {f:6.3f}   {ip:7.3f} {ir:7.3f} {if_:8.3f}{note}")
    print("claimtrail misses by kind:", ", ".join(f"{k}: {v}" for k, v in categories.most_common()))
    if args.show:
        print(f"\n{args.system}: misses (gold end not found), first {args.show} of {len(misses)}")
        for doc_id, text, at, kind_of in misses[: args.show]:
            tag = f" ({kind_of})" if kind_of else ""
            print(f"  [{doc_id}] {context(text, at)}{tag}")
        print(f"\n{args.system}: false splits (end where gold has none), first {args.show} of {len(splits)}")
        for doc_id, text, at in splits[: args.show]:
            print(f"  [{doc_id}] {context(text, at)}")


if __name__ == "__main__":
    main()
