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

if [ ! -f "$dst/.complete" ]; then
    rm -rf "$dst" && mkdir -p "$dst"
    cp "$src/claimtrail.toml" "$dst/"
    have=$(ls "$src/snapshots" | wc -l)
    # One tar pipe and one sed per replica: copies of every built article under the prefix cKK-.
    for ((k = 0; k * have < n; k++)); do
        p=$(printf 'c%02d-' "$k")
        tar -C "$src" -cf - snapshots claims |
            tar -C "$dst" -xf - --transform "s,^snapshots/\([a-z0-9]\),snapshots/$p\1,;s,^claims/\([a-z0-9]\),claims/$p\1,"
        sed -i "s/\"article\": \"/\"article\": \"$p/" "$dst"/claims/"$p"*.json "$dst"/snapshots/"$p"*/manifest.json
    done
    # Trim to exactly n articles.
    ls "$dst/snapshots" | sort | tail -n +$((n + 1)) | while read -r extra; do
        rm -rf "$dst/snapshots/$extra" "$dst/claims/$extra".json "$dst/claims/$extra".ledger.jsonl
    done
    touch "$dst/.complete"
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
