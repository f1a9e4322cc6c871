#!/usr/bin/env bash
# Whole-command benchmark: builds generated news corpora and times claimtrail side by side with the
# tools a user would pick instead (git diff --word-diff, sha256sum), in one run, printing ratios.
#
#   scripts/bench.sh [WORKDIR]          default WORKDIR: a new temp folder (kept, path printed)
#
# Environment: RUNS (default 5) runs per command, median reported; ARTICLES (default 800) articles
# of 3 revisions in the archive, of which BUILT (default 100) are built with claimtrail (snapshot add
# + extract of each revision, timed: that is extract's cost per article) and the rest copied from
# them under new ids (check's cost is per article, whatever its neighbours; only --no-cache runs are
# cold, since copies share readings); BIG (default 30000000) bytes of the long article, extracted
# RUNS_BIG (default RUNS) times without a warm-up; CT a claimtrail
# binary to time instead of this checkout's release build; CALLGRIND=1 also counts instructions
# (valgrind --tool=callgrind, slow) for the 1 MB and archive workloads, a figure that does not
# depend on how busy the machine is.
#
# Wall time on a shared machine depends on the other load; the CPU column (user + system seconds of
# the process and its children) does much less, and the instruction counts not at all.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
ARTICLES=${ARTICLES:-800}
BUILT=${BUILT:-100}
BIG=${BIG:-30000000}
work=${1:-$(mktemp -d -t claimtrail-bench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

(cd "$root" && cargo build --release --quiet --bin claimtrail --example newsgen)
ct=${CT:-$root/target/release/claimtrail}
gen=$root/target/release/examples/newsgen
ct=$(cd "$(dirname "$ct")" && pwd)/$(basename "$ct")

say() { printf '%s\n' "$*" >&2; }

# measure NAME CMD...: run CMD $RUNS times (after one warm-up); print "NAME wall cpu rss" with the
# median wall seconds, the median user+sys CPU seconds and the largest resident set (MiB).
declare -A WALL CPU
measure() {
    local name=$1
    shift
    local tf
    tf=$(mktemp)
    [ "${WARMUP:-1}" = 0 ] || "$@" >/dev/null 2>&1 || true
    local rows=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >/dev/null 2>"$tf.err" || {
            rc=$?
            # 1 is "findings" or "differences" for claimtrail and git; anything else is a failure.
            if [ "$rc" -ne 1 ]; then
                say "$name failed (exit $rc):"
                cat "$tf.err" >&2
                exit 2
            fi
        }
        rows+=("$(tail -n 1 "$tf")")
    done
    rm -f "$tf" "$tf.err"
    local wall cpu rss
    wall=$(printf '%s\n' "${rows[@]}" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    cpu=$(printf '%s\n' "${rows[@]}" | awk '{print $2+$3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rss=$(printf '%s\n' "${rows[@]}" | awk '{if ($4>m) m=$4} END {printf "%.0f", m/1024}')
    WALL[$name]=$wall
    CPU[$name]=$cpu
    printf '%-44s %8.3f s wall %8.3f s cpu %6s MiB\n' "$name" "$wall" "$cpu" "$rss"
}

ratio() { # ratio A B: "A/B" of wall and CPU
    awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" -v c="${CPU[$1]}" -v d="${CPU[$2]}" -v n1="$1" -v n2="$2" \
        'BEGIN { if (b < 0.001) b = 0.001; if (d < 0.001) d = 0.001;
                 printf "  ratio %s / %s: %.1fx wall, %.1fx cpu\n", n1, n2, a/b, c/d }'
}

instructions() { # instructions CMD...: instructions executed (callgrind), in millions
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1 || true
    awk '/^summary:/ {printf "%.0f", $2/1e6}' "$out"
    rm -f "$out"
}

say "corpora in $work"
cd "$work"
[ -f old.txt ] || "$gen" pair old.txt new.txt 1000000 5
[ -f big.txt ] || [ "${ARCHIVE_ONLY:-0}" = 1 ] || "$gen" article big.txt "$BIG"
if [ ! -d built/claims ]; then
    say "building $BUILT articles x 3 revisions (snapshot add + extract each)"
    rm -rf raw built
    "$gen" archive raw "$BUILT" 3
    mkdir -p built
    (cd built && "$ct" init >/dev/null)
    cat >build-archive.sh <<EOF
for d in raw/*/; do
    a=\$(basename "\$d")
    for r in r1 r2 r3; do
        "$ct" -C built snapshot add "\$a" "\$d\$r.txt" --label "\$r" --captured-at 2024-01-01T00:00:00Z >/dev/null
        "$ct" -C built extract "\$a" >/dev/null
    done
done
EOF
    /usr/bin/time -f '%e %U %S %M' -o archive-build.txt bash build-archive.sh
fi
if [ ! -d archive/claims ]; then
    say "copying to $ARTICLES articles"
    mkdir -p archive/claims archive/snapshots
    cp built/claimtrail.toml archive/
    mapfile -t ids < <(ls built/snapshots)
    for ((i = 0; i < ARTICLES; i++)); do
        a=${ids[$((i % BUILT))]}
        b=$(printf 'c%02d-%s' $((i / BUILT)) "$a")
        mkdir archive/snapshots/"$b"
        cp built/snapshots/"$a"/*.txt archive/snapshots/"$b"/
        for f in snapshots/"$a"/manifest.json claims/"$a".json; do
            sed "s/\"article\": \"$a\"/\"article\": \"$b\"/" built/"$f" >archive/"${f//$a/$b}"
        done
        [ ! -f built/claims/"$a".ledger.jsonl ] || cp built/claims/"$a".ledger.jsonl archive/claims/"$b".ledger.jsonl
    done
fi
if [ "${ARCHIVE_ONLY:-0}" != 1 ] && [ ! -f bigws/claims/big.json ]; then
    rm -rf bigws && mkdir bigws && (cd bigws && "$ct" init >/dev/null && "$ct" snapshot add big ../big.txt >/dev/null)
fi

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.2f", b/1e6}'; }
snap_bytes=$(find archive/snapshots -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
claim_bytes=$(find archive/claims -name '*.json' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
echo "claimtrail: $ct ($("$ct" --version))"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs"
echo "pair: old.txt $(mb old.txt) MB, new.txt $(mb new.txt) MB; big.txt $([ -f big.txt ] && mb big.txt) MB;" \
    "archive: $ARTICLES articles x 3 ($BUILT built, the rest copies), $snap_bytes MB of snapshots, $claim_bytes MB of claims files"
echo

if [ -s archive-build.txt ]; then
    read -r w u s m <archive-build.txt
    echo "archive build ($((BUILT * 3)) x snapshot add + extract): $w s wall," \
        "$(awk -v u="$u" -v s="$s" 'BEGIN {print u+s}') s cpu, largest process $((m / 1024)) MiB"
fi
if [ "${ARCHIVE_ONLY:-0}" = 1 ]; then
    skip_pair=1
fi
if [ -z "${skip_pair:-}" ]; then
echo "## 1 MB pair, ~5% of sentences edited"
measure "git diff --no-index --word-diff" git diff --no-index --word-diff old.txt new.txt
measure "claimtrail diff --files --format json" "$ct" diff --files old.txt new.txt --format json
ratio "claimtrail diff --files --format json" "git diff --no-index --word-diff"
measure "claimtrail inspect --format json (1 MB)" "$ct" inspect old.txt --format json
awk -v w="${WALL["claimtrail inspect --format json (1 MB)"]}" -v c="${CPU["claimtrail inspect --format json (1 MB)"]}" \
    -v b="$(mb old.txt)" 'BEGIN {printf "  inspect: %.1f MB/s wall, %.1f MB/s cpu\n", b/w, b/c}'
echo

echo "## extract of one $(mb big.txt) MB article"
measure "sha256sum big.txt" sha256sum big.txt
WARMUP=0 RUNS=${RUNS_BIG:-$RUNS} measure "claimtrail extract (30 MB)" sh -c "rm -f bigws/claims/big.json bigws/claims/big.ledger.jsonl && exec '$ct' -C bigws extract big"
awk -v w="${WALL["claimtrail extract (30 MB)"]}" -v c="${CPU["claimtrail extract (30 MB)"]}" -v b="$(mb big.txt)" \
    'BEGIN {printf "  extract: %.1f MB/s wall, %.1f MB/s cpu\n", b/w, b/c}'
echo

fi

echo "## check of the archive"
hashall() { find archive/snapshots archive/claims -type f \( -name '*.txt' -o -name '*.json' \) -print0 | xargs -0 sha256sum; }
export -f hashall
measure "sha256sum snapshots + claims" bash -c hashall
if "$ct" check --help | grep -q -- '--jobs'; then
    measure "claimtrail check --no-cache --jobs 1" "$ct" -C archive check --no-cache --jobs 1
    measure "claimtrail check --no-cache (all cores)" "$ct" -C archive check --no-cache
    "$ct" -C archive check >/dev/null || true
    measure "claimtrail check, warm cache, --jobs 1" "$ct" -C archive check --jobs 1
    measure "claimtrail check, warm cache (all cores)" "$ct" -C archive check
    ratio "claimtrail check --no-cache (all cores)" "sha256sum snapshots + claims"
    ratio "claimtrail check, warm cache, --jobs 1" "sha256sum snapshots + claims"
    ratio "claimtrail check, warm cache (all cores)" "sha256sum snapshots + claims"
else
    measure "claimtrail check" "$ct" -C archive check
    ratio "claimtrail check" "sha256sum snapshots + claims"
fi
echo

if [ -z "${skip_pair:-}" ] && command -v hyperfine >/dev/null; then
    echo "## hyperfine (same commands)"
    hyperfine -N --warmup 1 --runs "$RUNS" -i --style basic \
        "git diff --no-index --word-diff old.txt new.txt" \
        "$ct diff --files old.txt new.txt --format json" 2>&1 | grep -Ev '^\s*$'
    echo
fi

if [ "${CALLGRIND:-0}" = 1 ]; then
    echo "## instructions executed (callgrind, millions; independent of machine load)"
    g=$(instructions git diff --no-index --word-diff old.txt new.txt)
    d=$(instructions "$ct" diff --files old.txt new.txt --format json)
    i=$(instructions "$ct" inspect old.txt --format json)
    s=$(instructions bash -c hashall)
    c=$(instructions "$ct" -C archive check --jobs 1)
    echo "git diff --word-diff $g M; claimtrail diff $d M ($(awk -v a="$d" -v b="$g" 'BEGIN {printf "%.1f", a/b}')x)"
    echo "claimtrail inspect (1 MB) $i M"
    echo "sha256sum archive $s M; claimtrail check --jobs 1 (warm if cached) $c M ($(awk -v a="$c" -v b="$s" 'BEGIN {printf "%.1f", a/b}')x)"
fi
