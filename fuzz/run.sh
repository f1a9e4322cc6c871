#!/usr/bin/env bash
# Build the fuzz targets with the stable toolchain and run each for SECONDS (default 20), two at a
# time (or as many as there are cores), from the committed seeds in fuzz/seeds/. Exits non-zero
# if any target finds a crash (a panic, a failed invariant, or an input slower than 10 s); the
# input that failed is kept in fuzz/artifacts/<target>/ and the log says how to replay it.
#
#   fuzz/run.sh                 # what CI runs: 20 s per target
#   fuzz/run.sh 600 segment     # a longer run of one target
#
# The inputs a run discovers go to fuzz/corpus/<target>/ (ignored by git) and are read again by
# the next run, so local runs build on each other; CI starts from the seeds alone.
#
# This builds exactly what `cargo fuzz build --sanitizer none` (cargo-fuzz 0.13) builds, without
# needing cargo-fuzz or a nightly toolchain: libfuzzer-sys compiles libFuzzer (C++, with the
# system's c++ compiler), and stable rustc instruments the code for it with stable codegen
# options only (-C passes=sancov-module and -C llvm-args for LLVM's SanitizerCoverage; no -Z
# flag). What it does not have, compared with nightly: AddressSanitizer, which claimtrail, having
# no unsafe code, needs least.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize segment claims_file diff)

host=$(rustc -vV | sed -n 's/^host: //p')
# Instrument only the target's code, not build scripts and proc macros: hence --target.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
-Cllvm-args=-simplifycfg-branch-fold-threshold=0 --cfg fuzzing -Cdebug-assertions"
export CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
# Optimization level 1 by default: from nothing the build and a 20 s run took 379 s of CPU
# against 479 s at level 3 (cargo-fuzz's), with about as many inputs run in 20 s. Longer runs may
# prefer CARGO_PROFILE_RELEASE_OPT_LEVEL=3.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-1}
target_dir=${CARGO_TARGET_DIR:-target}/fuzz
cargo build --release --locked --target "$host" --target-dir "$target_dir" --bins
bin=$target_dir/$host/release

run() {
  local t=$1 seeds=seeds/$1
  case $t in normalize | segment) seeds=seeds/text ;; esac
  mkdir -p "corpus/$t" "artifacts/$t"
  if "$bin/$t" "corpus/$t" "$seeds" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" > "artifacts/$t.log" 2>&1; then
    echo "fuzz $t: $(grep -E '^stat::number_of_executed_units' "artifacts/$t.log" | awk '{print $2}') inputs in ${seconds} s, no crash"
  else
    tail -n 40 "artifacts/$t.log"
    echo "fuzz $t: FAILED; replay with: $bin/$t fuzz/artifacts/$t/<file>"
    return 1
  fi
}
export -f run
export bin seconds
printf '%s\n' "${targets[@]}" | xargs -P "$(nproc)" -I{} bash -c 'run {}'
