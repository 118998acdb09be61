#!/usr/bin/env bash
# Selection benchmarks (not tests): dp4tl vs NumPy (Label Mapping from logits) and vs FAISS (one
# Lloyd iteration), plus Feature Mapping's peak memory. Data is generated once, seeded, into
# data/bench/ (git-ignored). Needs python3 with numpy, and faiss-cpu (pip install faiss-cpu).
# Usage: scripts/bench-select.sh [threads=2] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${1:-2}"
RUNS="${2:-5}"
DATA=data/bench
JAVA="${BENCH_JAVA:-}"
if [[ -z "$JAVA" ]]; then
  JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)"
  JAVA="${JDK:+$JDK/bin/}java"
fi

mkdir -p "$DATA"
if [[ ! -f "$DATA/initial.npy" ]]; then
  echo "generating seeded benchmark data in $DATA ..." >&2
  python3 scripts/bench_select.py gen "$DATA"
fi

mvn -B -q -pl dp4tl-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
CP="dp4tl-core/target/test-classes:dp4tl-core/target/classes:dp4tl-api/target/classes:$(cat dp4tl-core/target/bench-classpath.txt)"

value() { grep "^$1 " <<<"$2" | awk '{print $2}'; }
run_java() { "$JAVA" -XX:+UseSerialGC "$@"; }

echo "running Label Mapping (100,000 x 1,000 logits) ..." >&2
J_LM="$(run_java -Xmx2g -cp "$CP" io.dp4tl.core.bench.LabelMappingBench "$DATA/logits.npy" "$THREADS" "$RUNS")"
P_LM="$(python3 scripts/bench_select.py lm "$DATA/logits.npy" "$RUNS")"

echo "running one Lloyd iteration (200,000 x 128, K = 1,000) ..." >&2
J_KM="$(run_java -Xmx1g -cp "$CP" io.dp4tl.core.bench.LloydBench "$DATA/features.npy" "$DATA/initial.npy" "$THREADS" 3)"
P_KM="$(OMP_WAIT_POLICY=PASSIVE python3 scripts/bench_select.py lloyd "$DATA/features.npy" "$DATA/initial.npy" "$THREADS" 3)"

echo "running Feature Mapping memory (k-means K = 1,000, 3 iterations, memory-mapped) ..." >&2
mem() {
  run_java "-Xmx$1" -cp "$CP" io.dp4tl.core.bench.FeatureMappingMemoryBench \
    "$DATA/features.npy" "$DATA/target_features.npy" 1000 3 "$THREADS"
}
J_MEM="$(mem 256m)"
J_MEM_SMALL="$(mem 128m)"

ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
echo
echo "dp4tl selection benchmarks ($THREADS threads, best of $RUNS; java: $("$JAVA" -version 2>&1 | head -1))"
printf '%-44s %12s %12s %8s\n' "benchmark" "dp4tl" "reference" "ratio"
printf '%-44s %10s ms %10s ms %8s\n' "LM histogram+ranking vs NumPy" "$(value lm.kernel_ms "$J_LM")" \
  "$(value lm.numpy_ms "$P_LM")" "$(ratio "$(value lm.kernel_ms "$J_LM")" "$(value lm.numpy_ms "$P_LM")")"
printf '%-44s %10s ms %10s ms %8s\n' "LM full prune() (incl. SHA-256 of logits)" "$(value lm.pipeline_ms "$J_LM")" \
  "$(value lm.numpy_ms "$P_LM")" "$(ratio "$(value lm.pipeline_ms "$J_LM")" "$(value lm.numpy_ms "$P_LM")")"
printf '%-44s %10s ms %10s ms %8s\n' "Lloyd iteration vs FAISS Kmeans(niter=1)" "$(value lloyd.iteration_ms "$J_KM")" \
  "$(value lloyd.faiss_ms "$P_KM")" "$(ratio "$(value lloyd.iteration_ms "$J_KM")" "$(value lloyd.faiss_ms "$P_KM")")"
printf '%-44s %12s %12s %8s\n' "FM peak RSS - baseline / matrix, -Xmx256m" "$(value fm.peak_over_matrix "$J_MEM")x" \
  "goal 1.3x" ""
printf '%-44s %12s %12s %8s\n' "FM peak RSS - baseline / matrix, -Xmx128m" "$(value fm.peak_over_matrix "$J_MEM_SMALL")x" \
  "goal 1.3x" ""
echo
echo "checks: top classes dp4tl [$(grep '^lm.top' <<<"$J_LM" | cut -d' ' -f2-)] numpy [$(grep '^lm.numpy_top' <<<"$P_LM" | cut -d' ' -f2-)];" \
  "inertia dp4tl $(value lloyd.inertia "$J_KM") faiss $(value lloyd.faiss_inertia "$P_KM")"
echo "memory (-Xmx256m): $(grep '^fm\.' <<<"$J_MEM" | tr '\n' ' ')"
echo "machine load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
