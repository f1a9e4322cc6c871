#!/usr/bin/env bash
# Scale run of `check`: grows the articles that scripts/bench.sh built (WORKDIR/built) to N by copying
# articles under new ids (c01-a000123, ...), then times check cold (no cache) and warm, with one
# job and with all cores, and sha256sum of the same bytes.
#
#   scripts/scale.sh BENCH_WORKDIR [N]        N defaults to 10000
#
# The copies share snapshot bytes with their originals, so only --no-cache runs are "cold"; the
# cost of check is per article and does not depend on the article's neighbours, so copies time
# like fresh articles. extract's cost at this scale is the per-article cost bench.sh measured
# while building the archive, times N (each extract reads one article).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src=$(cd "$1/built" && pwd)
n=${2:-10000}
ct=${CT:-$root/target/release/claimtrail}
dst=$(cd "$1" && pwd)/scale-$n

if [ ! -d "$dst/claims" ]; then
    rm -rf "$dst" && mkdir -p "$dst/claims" "$dst/snapshots"
    cp "$src/claimtrail.toml" "$dst/" 2>/dev/null || true
    mapfile -t ids < <(ls "$src/snapshots")
    have=${#ids[@]}
    for ((i = 0; i < n; i++)); do
        a=${ids[$((i % have))]}
        b=$(printf 'c%02d-%s' $((i / have)) "$a")
        mkdir "$dst/snapshots/$b"
        cp "$src/snapshots/$a/"*.txt "$dst/snapshots/$b/"
        sed "s/\"article\": \"$a\"/\"article\": \"$b\"/" "$src/snapshots/$a/manifest.json" >"$dst/snapshots/$b/manifest.json"
        sed "s/\"article\": \"$a\"/\"article\": \"$b\"/" "$src/claims/$a.json" >"$dst/claims/$b.json"
        if [ -f "$src/claims/$a.ledger.jsonl" ]; then cp "$src/claims/$a.ledger.jsonl" "$dst/claims/$b.ledger.jsonl"; fi
    done
fi

bytes() { find "$dst/$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1e6}'; }
echo "archive: $n articles x 3 revisions, $(bytes snapshots) MB of snapshots, $(bytes claims) MB of claims files"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # run NAME CMD...: one run, wall / cpu / peak memory
    local name=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o /tmp/scale.$$ "$@" >/dev/null 2>&1 || true
    read -r w u s m </tmp/scale.$$
    printf '%-40s %8.2f s wall %8.2f s cpu %6d MiB\n' "$name" "$w" "$(awk -v u="$u" -v s="$s" 'BEGIN {print u+s}')" $((m / 1024))
}
cd "$dst"
run "sha256sum snapshots + claims" sh -c 'find snapshots claims -type f -print0 | xargs -0 sha256sum'
run "check --no-cache --jobs 1" "$ct" check --no-cache --jobs 1
run "check --no-cache (all cores)" "$ct" check --no-cache
rm -rf .claimtrail-cache
run "check, filling the cache (all cores)" "$ct" check
run "check, warm cache, --jobs 1" "$ct" check --jobs 1
run "check, warm cache (all cores)" "$ct" check
run "check --shard 1/4, warm" "$ct" check --shard 1/4
rm -f /tmp/scale.$$
