#!/usr/bin/env bash
# Peak memory (maximum resident set) and CPU of the commands whose memory grows with the article:
# extract of a new article, review of one claim (the first verdict after extract, then a later one),
# and diff --files of an edited pair, on generated news of SIZE bytes (issue 12, item 5).
#
#   scripts/memory.sh WORKDIR [SIZE]        SIZE defaults to 30000000
#   BUDGET=18 scripts/memory.sh WORKDIR 3000000   fail (exit 1) when a peak is over 18x the article
#
# Inputs come from `cargo run --release --example newsgen`; the binary is target/release/claimtrail
# (or $CT). Prints one line per workload with the peak as a multiple of the article's bytes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size=${2:-30000000}
mkdir -p "$1"
work=$(cd "$1" && pwd)
ct=${CT:-$root/target/release/claimtrail}
old=$work/mem-$size-old.txt
new=$work/mem-$size-new.txt
if [ ! -f "$new" ]; then
    (cd "$root" && cargo run --quiet --release --example newsgen -- pair "$old" "$new" "$size" 5)
fi
bytes=$(stat -c %s "$old")
echo "article: $bytes bytes (pair: $(stat -c %s "$new") bytes), machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # run NAME CMD...: one run, cpu / peak memory / multiple of the article
    local name=$1
    shift
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time.$$" "$@" >/dev/null 2>"$work/err.$$"; then
        echo "$name: failed" >&2
        cat "$work/err.$$" >&2
        exit 1
    fi
    read -r w u s m <"$work/time.$$"
    local multiple
    multiple=$(awk -v m="$m" -v b="$bytes" 'BEGIN {print m * 1024 / b}')
    printf '%-28s %7.2f s cpu %7.2f s wall %6d MiB %6.1fx the article\n' "$name" \
        "$(awk -v u="$u" -v s="$s" 'BEGIN {print u+s}')" "$w" $((m / 1024)) "$multiple"
    if [ -n "${BUDGET:-}" ] && awk -v x="$multiple" -v b="$BUDGET" 'BEGIN {exit !(x > b)}'; then
        echo "$name: peak ${multiple}x the article is over the budget of ${BUDGET}x" >&2
        over=1
    fi
}
over=0

ws=$work/mem-ws
rm -rf "$ws" && mkdir -p "$ws"
cd "$ws"
"$ct" init >/dev/null
"$ct" snapshot add a "$old" --label r1 >/dev/null
run "extract (new article)" "$ct" extract a
ids=$("$ct" claims a --format json | grep -m2 -o '"id": "[0-9a-f]*"' | cut -d'"' -f4)
first=$(echo "$ids" | sed -n 1p)
second=$(echo "$ids" | sed -n 2p)
run "review, first verdict" "$ct" review a "$first" --status supported --by t
run "review, later verdict" "$ct" review a "$second" --status disputed --by t
"$ct" snapshot add a "$new" --label r2 >/dev/null
run "extract (second revision)" "$ct" extract a
run "diff --files, JSON" "$ct" diff --files "$old" "$new" --format json
run "diff --files, human" env NO_COLOR=1 "$ct" diff --files "$old" "$new"
run "check" "$ct" check --no-cache
rm -f "$work/time.$$" "$work/err.$$"
exit "$over"
