#!/usr/bin/env bash
# On a GPU machine (NVIDIA driver, CUDA 12/13 libraries, PyTorch with CUDA, no Java): runs
# dp4tl-gpu's tests on the device and the Lloyd benchmark against PyTorch, then prints a table.
# Needs the bundle made by dp4tl-gpu/bench/package.sh (a jlink'ed JDK 25 and the jars), carried to
# dp4tl-gpu/target/gpu-bundle or named as the first argument. Run from the repository root (the
# parity cases are read from dp4tl-core/src/test/resources/parity).
#
# Usage: dp4tl-gpu/bench/gpu-check.sh [BUNDLE] [n d k iterations cpuRows cpuIterations]
# Environment: DP4TL_CUDA_PATH (folders of libnvrtc/libcublas; found in Python's site-packages
# when unset), BENCH_DIR (scratch folder for the 2.6 GB data set, default /tmp/dp4tl-bench).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUNDLE="${1:-$ROOT/dp4tl-gpu/target/gpu-bundle}"
shift || true
N="${1:-1281167}"; D="${2:-512}"; K="${3:-1000}"; ITERS="${4:-20}"; CPU_ROWS="${5:-100000}"; CPU_ITERS="${6:-3}"
BENCH_DIR="${BENCH_DIR:-/tmp/dp4tl-bench}"
JAVA="$BUNDLE/jre/bin/java"
LOG="$BENCH_DIR/results.txt"
mkdir -p "$BENCH_DIR"
: > "$LOG"

if [ ! -x "$JAVA" ]; then
  echo "no Java runtime at $JAVA: run dp4tl-gpu/bench/package.sh first and carry its output" >&2
  exit 2
fi

# NVRTC and cuBLAS of the CUDA 13 (or 12) wheels that PyTorch installs, unless given.
if [ -z "${DP4TL_CUDA_PATH:-}" ] && command -v python3 > /dev/null; then
  DP4TL_CUDA_PATH="$(python3 - <<'PY'
import glob, os, site
roots = list(site.getsitepackages()) + [site.getusersitepackages()]
found = []
for root in roots:
    for pattern in ("nvidia/cu13/lib", "nvidia/*/lib", "torch/lib"):
        for folder in sorted(glob.glob(os.path.join(root, pattern))):
            if glob.glob(os.path.join(folder, "libnvrtc.so*")) or glob.glob(os.path.join(folder, "libcublas.so*")):
                found.append(folder)
print(":".join(dict.fromkeys(found)))
PY
)"
  export DP4TL_CUDA_PATH
fi
echo "DP4TL_CUDA_PATH=${DP4TL_CUDA_PATH:-}"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || true

CP="$(find "$BUNDLE/lib" -name '*.jar' | sort | tr '\n' ':')$BUNDLE/test-classes"
JVM=(--enable-native-access=ALL-UNNAMED -Xmx24g -Djava.awt.headless=true
     "-Ddp4tl.parity.dir=$ROOT/dp4tl-core/src/test/resources/parity")

echo "== tests (all of dp4tl-gpu's but the nvcc checks, which need the CUDA toolkit)"
"$JAVA" "${JVM[@]}" -cp "$CP" org.junit.platform.console.ConsoleLauncher execute \
  --scan-class-path "$BUNDLE/test-classes" --include-package io.dp4tl.gpu \
  --exclude-classname '.*(KernelSourceTest|BindingSignatureTest)' \
  --details=tree --disable-banner --disable-ansi-colors 2>&1 | tee "$BENCH_DIR/tests.txt"
TESTS_RC=${PIPESTATUS[0]}
grep -E 'tests (successful|failed|aborted)' "$BENCH_DIR/tests.txt" | sed 's/^[^0-9]*\([0-9]*\) tests \([a-z]*\).*/RESULT tests_\2 \1/' >> "$LOG"

echo "== dp4tl benchmark (n=$N d=$D k=$K, $ITERS iterations)"
"$JAVA" "${JVM[@]}" -cp "$CP" io.dp4tl.gpu.bench.LloydBench "$BENCH_DIR" "$N" "$D" "$K" "$ITERS" "$CPU_ROWS" "$CPU_ITERS" \
  2>&1 | tee -a "$LOG"
BENCH_RC=${PIPESTATUS[0]}

echo "== PyTorch reference"
TORCH_RC=1
if [ -f "$BENCH_DIR/x.npy" ]; then
  python3 "$ROOT/dp4tl-gpu/bench/torch_lloyd.py" "$BENCH_DIR" "$ITERS" 2>&1 | tee -a "$LOG"
  TORCH_RC=${PIPESTATUS[0]}
fi

value() { awk -v key="$1" '$1 == "RESULT" && $2 == key { $1 = ""; $2 = ""; sub(/^  /, ""); print; exit }' "$LOG"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.3f", a / b }'; }

echo
echo "================ dp4tl-gpu check ================"
printf '%-44s %s\n' "device" "$(value device)"
printf '%-44s %s\n' "PyTorch" "$(value torch_device)"
printf '%-44s %s successful, %s failed, %s aborted (skipped)\n' "tests (exit $TESTS_RC)" \
  "$(value tests_successful)" "$(value tests_failed)" "$(value tests_aborted)"
printf '%-44s %s\n' "Lloyd ms/iteration, dp4tl GPU" "$(value gpu_ms_per_iteration)"
printf '%-44s %s\n' "Lloyd ms/iteration, PyTorch" "$(value torch_ms_per_iteration)"
printf '%-44s %s  (goal <= 1.2)\n' "dp4tl / PyTorch" "$(ratio "$(value gpu_ms_per_iteration)" "$(value torch_ms_per_iteration)")"
printf '%-44s %s / %s\n' "final inertia dp4tl / PyTorch" "$(value gpu_inertia)" "$(value torch_inertia)"
printf '%-44s %s\n' "distance GEMM TFLOP/s (dp4tl cuBLAS calls)" "$(value gemm_tflops)"
printf '%-44s %s\n' "cuBLAS SGEMM 8192^3 TFLOP/s (same run)" "$(value cublas_peak_tflops)"
printf '%-44s %s\n' "distance GEMM / cuBLAS peak" "$(ratio "$(value gemm_tflops)" "$(value cublas_peak_tflops)")"
printf '%-44s %s\n' "GEMM share of a dp4tl iteration" "$(value gemm_share_of_iteration)"
printf '%-44s %s / %s\n' "PyTorch GEMM / square TFLOP/s" "$(value torch_gemm_tflops)" "$(value torch_square_tflops)"
printf '%-44s %s rows, %s iterations\n' "CPU vs GPU input" "$(value cpu_rows)" "$(value cpu_iterations)"
printf '%-44s %s s / %s s = %s x\n' "dp4tl CPU / dp4tl GPU" "$(value cpu_seconds)" "$(value cpu_gpu_seconds)" "$(value cpu_over_gpu)"
printf '%-44s %s (same assignment: %s)\n' "CPU-GPU inertia relative difference" "$(value cpu_gpu_inertia_rel_diff)" "$(value cpu_gpu_same_assignment)"
[ -n "$(value cpu)" ] && printf '%-44s %s\n' "CPU" "$(value cpu)"
echo "exit codes: tests $TESTS_RC, benchmark $BENCH_RC, pytorch $TORCH_RC"
[ "$TESTS_RC" -eq 0 ] && [ "$BENCH_RC" -eq 0 ] && [ "$TORCH_RC" -eq 0 ]
