#!/usr/bin/env bash
# Sample-level baselines benchmark (not a test): EL2N (R = 2 runs of n x 100 logits) and Moderate-DS
# (n x 128 features, global scope) at ImageNet's n = 1,281,167 from memory-mapped .npy files, dp4tl
# vs NumPy on the same files, and dp4tl's peak heap against the input size. Both sides keep ratio
# 0.5 and print the kept count and a checksum, which must agree. Data (about 1.7 GB) is generated
# once, seeded, OUTSIDE the repository (default /tmp/dp4tl-bench-sample; override with BENCH_DATA).
# Needs python3 with numpy. Usage: scripts/bench-sample.sh [threads=2] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${1:-2}"
RUNS="${2:-3}"
DATA="${BENCH_DATA:-/tmp/dp4tl-bench-sample}"

mkdir -p "$DATA"
if [[ ! -f "$DATA/features.npy" ]]; then
  echo "generating seeded benchmark data in $DATA ..." >&2
  python3 scripts/bench_sample.py gen "$DATA"
fi

source scripts/bench-java.sh

value() { grep "^$1 " <<<"$2" | cut -d' ' -f2-; }
echo "load before: $(uptime)" >&2
echo "running dp4tl (-Xmx512m, $THREADS threads, best of $RUNS) ..." >&2
J="$("$JAVA" -XX:+UseSerialGC -Xmx512m -cp "$CP" io.dp4tl.core.bench.SampleBaselinesBench "$DATA" "$THREADS" "$RUNS")"
echo "running NumPy (best of $RUNS) ..." >&2
P="$(OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" python3 scripts/bench_sample.py bench "$DATA" "$RUNS")"

ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
echo
echo "sample-level baselines, n = 1,281,167 ($THREADS threads, best of $RUNS; java: $("$JAVA" -version 2>&1 | head -1))"
printf '%-46s %10s %10s %8s\n' "benchmark" "dp4tl" "NumPy" "ratio"
for m in el2n moderate; do
  printf '%-46s %7s ms %7s ms %8s\n' "$m scorer alone vs NumPy score+rank+cut" "$(value $m.scorer_ms "$J")" \
    "$(value $m.numpy_ms "$P")" "$(ratio "$(value $m.scorer_ms "$J")" "$(value $m.numpy_ms "$P")")"
  printf '%-46s %7s ms %7s ms %8s\n' "$m whole run (fingerprints, rank, write)" "$(value $m.all_ms "$J")" \
    "$(value $m.numpy_ms "$P")" "$(ratio "$(value $m.all_ms "$J")" "$(value $m.numpy_ms "$P")")"
  echo "  $m: input $(value $m.input_mb "$J") MB; peak heap scorer $(value $m.peak_heap_scorer_mb "$J") MB," \
    "whole run $(value $m.peak_heap_all_mb "$J") MB (-Xmx512m); selection.json $(value $m.manifest_bytes "$J") bytes"
  echo "  $m kept (count, sha): dp4tl $(value $m.kept "$J"), NumPy $(value $m.numpy_kept "$P")"
done
echo "load after: $(uptime)"
