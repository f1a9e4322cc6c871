#!/usr/bin/env python3
"""Measure claimtrail's article extraction on public pages: shingle F1 and time per page.

The metric is the article-extraction benchmark's (evaluate.py): word 4-gram shingles, per-page
precision and recall, F1 of the mean precision and mean recall. The pages are not part of this
repository; bring them yourself:

  mozilla  DIR  Mozilla Readability's test/test-pages (each NAME/source.html with expected.html
                and expected-metadata.json); the reference is the title plus expected.html's text.
  benchmark DIR the article-extraction-benchmark repository (html/*.html.gz, ground-truth.json);
                the reference is articleBody, so the headline claimtrail prints is left out.

Usage: scripts/measure-extraction.py target/release/claimtrail mozilla|benchmark DIR
"""
import gzip
import html.parser
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
         "table", "tr", "td", "th", "section", "article", "figure", "figcaption", "br", "hr",
         "dd", "dt", "dl"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        if tag in BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")
        if tag in BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(markup):
    p = _Text()
    p.feed(markup)
    return "".join(p.out)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def precision_recall(reference, prediction):
    ref, pred = shingles(reference), shingles(prediction)
    tp = sum((ref & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    if fp == fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return precision, recall


def extract(binary, path):
    start = time.perf_counter()
    run = subprocess.run([binary, "--format", "json", "text", path], capture_output=True)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        return "", elapsed, run.stderr.decode(errors="replace").strip()
    return json.loads(run.stdout)["text"], elapsed, None


def cases(kind, root):
    if kind == "mozilla":
        for name in sorted(os.listdir(root)):
            d = os.path.join(root, name)
            with open(os.path.join(d, "expected.html"), encoding="utf-8") as f:
                reference = html_text(f.read())
            meta = os.path.join(d, "expected-metadata.json")
            title = json.load(open(meta, encoding="utf-8")).get("title") if os.path.exists(meta) else None
            yield name, os.path.join(d, "source.html"), (title + "\n\n" + reference) if title else reference, False
    else:
        truth = json.load(open(os.path.join(root, "ground-truth.json"), encoding="utf-8"))
        tmp = tempfile.mkdtemp()
        for key, item in sorted(truth.items()):
            path = os.path.join(tmp, key + ".html")
            with gzip.open(os.path.join(root, "html", key + ".html.gz")) as src, open(path, "wb") as dst:
                dst.write(src.read())
            yield key, path, item.get("articleBody", ""), True


def main():
    binary, kind, root = sys.argv[1:4]
    rows, times, errors = [], [], []
    for name, path, reference, drop_headline in cases(kind, root):
        text, elapsed, error = extract(binary, path)
        times.append(elapsed)
        if error:
            errors.append((name, error))
        if drop_headline and "\n\n" in text:
            text = text.split("\n\n", 1)[1]
        rows.append((name,) + precision_recall(reference, text))
    p = statistics.mean(r[1] for r in rows)
    r = statistics.mean(r[2] for r in rows)
    f1 = lambda a, b: 2 * a * b / (a + b) if a + b else 0.0
    worst = sorted(rows, key=lambda row: f1(row[1], row[2]))
    for name, pp, rr in worst[:5]:
        print(f"  {name[:40]:<40} P={pp:.3f} R={rr:.3f} F1={f1(pp, rr):.3f}")
    times.sort()
    print(f"{kind}: {len(rows)} pages, F1 {f1(p, r):.3f} (precision {p:.3f}, recall {r:.3f}), "
          f"{sum(f1(a, b) < 0.5 for _, a, b in rows)} under 0.5, {len(errors)} errors; "
          f"per page {1000 * statistics.mean(times):.0f} ms mean, {1000 * times[len(times) // 2]:.0f} ms median, "
          f"{1000 * times[-1]:.0f} ms max (whole process)")
    for name, error in errors:
        print(f"  error {name}: {error}")


if __name__ == "__main__":
    main()
