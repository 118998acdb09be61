#!/usr/bin/env bash
# Selection benchmarks (not tests): dp4tl vs NumPy (Label Mapping from logits), vs FAISS (one Lloyd
# iteration at d = 128 and d = 512), the assignment's GFLOP/s next to a plain sgemm of its shape, and
# Feature Mapping's peak memory. Both sides run in this one script, one after the other, and every
# line carries the 1-minute load average measured right after it: on a shared machine, compare the
# ratios, not the absolute times. Data is generated once, seeded, into data/bench/ (git-ignored).
# Needs python3 with numpy, threadpoolctl and faiss-cpu (pip install faiss-cpu threadpoolctl).
# Usage: scripts/bench-select.sh [threads=2] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${1:-2}"
RUNS="${2:-5}"
DATA=data/bench

mkdir -p "$DATA"
if [[ ! -f "$DATA/initial.npy" ]]; then
  echo "generating seeded benchmark data in $DATA ..." >&2
  python3 scripts/bench_select.py gen "$DATA"
fi
if [[ ! -f "$DATA/initial512.npy" ]]; then
  echo "generating seeded 512-wide features in $DATA ..." >&2
  python3 scripts/bench_select.py gen-wide "$DATA" 512
fi

source scripts/bench-java.sh

value() { grep "^$1 " <<<"$2" | awk '{print $2}'; }
run_java() { "$JAVA" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseSerialGC "$@"; }
load() { cut -d' ' -f1 /proc/loadavg; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }

echo "running Label Mapping (100,000 x 1,000 logits) ..." >&2
J_LM="$(run_java -Xmx2g -cp "$CP" io.dp4tl.core.bench.LabelMappingBench "$DATA/logits.npy" "$THREADS" "$RUNS")"
P_LM="$(python3 scripts/bench_select.py lm "$DATA/logits.npy" "$RUNS")"
L_LM="$(load)"

lloyd() { # features initial label
  local j p s jk l
  j="$(run_java -Xmx2g -cp "$CP" io.dp4tl.core.bench.LloydBench "$1" "$2" "$THREADS" 3)"
  p="$(OMP_WAIT_POLICY=PASSIVE python3 scripts/bench_select.py lloyd "$1" "$2" "$THREADS" 3)"
  s="$(OMP_WAIT_POLICY=PASSIVE python3 scripts/bench_select.py sgemm "$1" "$2" "$THREADS" 3)"
  jk="$(run_java -Ddp4tl.blas=off -Xmx2g -cp "$CP" io.dp4tl.core.bench.LloydBench "$1" "$2" "$THREADS" 3)"
  l="$(load)"
  printf '%s\n' "$j" "$p" "$s" "java_kernel.$(grep '^lloyd.iteration_ms ' <<<"$jk")" "load $l"
}
echo "running one Lloyd iteration (200,000 x 128, K = 1,000) ..." >&2
KM128="$(lloyd "$DATA/features.npy" "$DATA/initial.npy")"
echo "running one Lloyd iteration (200,000 x 512, K = 1,000) ..." >&2
KM512="$(lloyd "$DATA/features512.npy" "$DATA/initial512.npy")"

echo "running Feature Mapping memory (k-means K = 1,000, 3 iterations, memory-mapped) ..." >&2
mem() {
  run_java "$@" -cp "$CP" io.dp4tl.core.bench.FeatureMappingMemoryBench \
    "$DATA/features.npy" "$DATA/target_features.npy" 1000 3 "$THREADS"
}
J_MEM="$(mem)"
L_MEM="$(load)"
J_MEM_256="$(mem -Xmx256m)"
L_MEM_256="$(load)"

echo
echo "dp4tl selection benchmarks ($THREADS threads, best of $RUNS; java: $("$JAVA" -version 2>&1 | head -1))"
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load = 1-minute load average after each line"
printf '%-46s %12s %12s %8s %6s\n' "benchmark" "dp4tl" "reference" "ratio" "load"
printf '%-46s %10s ms %10s ms %8s %6s\n' "LM histogram+ranking vs NumPy" "$(value lm.kernel_ms "$J_LM")" \
  "$(value lm.numpy_ms "$P_LM")" "$(ratio "$(value lm.kernel_ms "$J_LM")" "$(value lm.numpy_ms "$P_LM")")" "$L_LM"
printf '%-46s %10s ms %10s ms %8s %6s\n' "LM full prune() (incl. $(value lm.fingerprint_algorithm "$J_LM"))" \
  "$(value lm.pipeline_ms "$J_LM")" "$(value lm.numpy_ms "$P_LM")" \
  "$(ratio "$(value lm.pipeline_ms "$J_LM")" "$(value lm.numpy_ms "$P_LM")")" "$L_LM"
for d in 128 512; do
  KM="KM$d"; KM="${!KM}"
  printf '%-46s %10s ms %10s ms %8s %6s\n' "Lloyd iteration d=$d vs FAISS Kmeans(niter=1)" \
    "$(value lloyd.iteration_ms "$KM")" "$(value lloyd.faiss_ms "$KM")" \
    "$(ratio "$(value lloyd.iteration_ms "$KM")" "$(value lloyd.faiss_ms "$KM")")" "$(value load "$KM")"
  printf '%-46s %10s ms %10s ms %8s %6s\n' "  same, process CPU time" \
    "$(value lloyd.iteration_cpu_ms "$KM")" "$(value lloyd.faiss_cpu_ms "$KM")" \
    "$(ratio "$(value lloyd.iteration_cpu_ms "$KM")" "$(value lloyd.faiss_cpu_ms "$KM")")" "$(value load "$KM")"
  printf '%-46s %10s ms %10s ms %8s %6s\n' "  Java kernel (-Ddp4tl.blas=off) vs FAISS" \
    "$(value java_kernel.lloyd.iteration_ms "$KM")" "$(value lloyd.faiss_ms "$KM")" \
    "$(ratio "$(value java_kernel.lloyd.iteration_ms "$KM")" "$(value lloyd.faiss_ms "$KM")")" "$(value load "$KM")"
  printf '%-46s %7s GF/s %7s GF/s %8s %6s\n' "  assignment vs sgemm of its shape (BLAS, FFM)" \
    "$(value lloyd.iteration_gflops "$KM")" "$(value lloyd.sgemm_gflops "$KM")" \
    "$(python3 -c "print(f'{100 * $(value lloyd.iteration_gflops "$KM") / $(value lloyd.sgemm_gflops "$KM"):.0f}%')")" \
    "$(value load "$KM")"
  printf '%-46s %7s GF/s %7s GF/s %8s %6s\n' "  same per CPU second (goal >= 80%)" \
    "$(value lloyd.iteration_gflops_per_cpu_second "$KM")" "$(value lloyd.sgemm_gflops_per_cpu_second "$KM")" \
    "$(python3 -c "print(f'{100 * $(value lloyd.iteration_gflops_per_cpu_second "$KM") / $(value lloyd.sgemm_gflops_per_cpu_second "$KM"):.0f}%')")" \
    "$(value load "$KM")"
  printf '%-46s %7s GF/s %7s GF/s %8s %6s\n' "  FAISS iteration vs NumPy sgemm of the shape" \
    "$(value lloyd.faiss_gflops "$KM")" "$(value sgemm.numpy_gflops "$KM")" \
    "$(python3 -c "print(f'{100 * $(value lloyd.faiss_gflops "$KM") / $(value sgemm.numpy_gflops "$KM"):.0f}%')")" \
    "$(value load "$KM")"
done
printf '%-46s %12s %12s %8s %6s\n' "FM peak RSS - baseline / matrix, default heap" "$(value fm.peak_over_matrix "$J_MEM")x" \
  "goal 1.3x" "" "$L_MEM"
printf '%-46s %12s %12s %8s %6s\n' "FM peak RSS - baseline / matrix, -Xmx256m" "$(value fm.peak_over_matrix "$J_MEM_256")x" \
  "goal 1.3x" "" "$L_MEM_256"
echo
echo "checks: top classes dp4tl [$(grep '^lm.top' <<<"$J_LM" | cut -d' ' -f2-)] numpy [$(grep '^lm.numpy_top' <<<"$P_LM" | cut -d' ' -f2-)];" \
  "inertia d=128 dp4tl $(value lloyd.inertia "$KM128") faiss $(value lloyd.faiss_inertia "$KM128");" \
  "d=512 dp4tl $(value lloyd.inertia "$KM512") faiss $(value lloyd.faiss_inertia "$KM512")"
echo "memory (default heap): $(grep '^fm\.' <<<"$J_MEM" | tr '\n' ' ')"
echo "machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
