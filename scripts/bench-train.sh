#!/usr/bin/env bash
# Benchmark of the DJL trainer (not a test): training throughput of DJL vs PyTorch on the same
# network (resnet-20, width 16), batch (128), input (32x32 grey) and threads (2), alternating the two
# engines over ROUNDS rounds (default 2); then pretraining wall time on 50% and 20% of the source
# classes vs all of them (same epochs), in palindromic order over ceil(ROUNDS / 2) rounds.
# Needs: python3 with torch (pip install torch), Maven, a JDK.
# Usage: scripts/bench-train.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
export OMP_WAIT_POLICY=PASSIVE OPT_OUT_TRACKING=true DJL_OFFLINE=true

python3 -c 'import torch' 2>/dev/null || pip install -q torch
mvn -B -q -pl dp4tl-djl -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="dp4tl-djl/target/test-classes:dp4tl-djl/target/classes:$(cat dp4tl-djl/target/bench.classpath)"
java_bench() {
  java -Djava.awt.headless=true -Dai.djl.offline=true -Xmx4g -cp "$cp" io.dp4tl.djl.train.TrainBench "$@" 2>/dev/null
}

torch_bench() {
  python3 scripts/bench_train_torch.py --depth 20 --width 16 --samples 2560 --batch 128 --epochs 3 --threads 2 \
    | awk '/^torch images\/s/ {print $3}'
}

# Odd rounds run PyTorch first, even rounds DJL first, so a drifting load on a shared machine
# weighs on both alike; the means over all rounds are compared.
echo "== training throughput, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
sum_torch=0
sum_djl=0
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then
    torch_ips=$(torch_bench)
    djl_ips=$(java_bench throughput | awk '/^djl images\/s/ {print $3}')
  else
    djl_ips=$(java_bench throughput | awk '/^djl images\/s/ {print $3}')
    torch_ips=$(torch_bench)
  fi
  echo "round $round: torch $torch_ips images/s, djl $djl_ips images/s"
  sum_torch=$(awk -v a="$sum_torch" -v b="$torch_ips" 'BEGIN {print a + b}')
  sum_djl=$(awk -v a="$sum_djl" -v b="$djl_ips" 'BEGIN {print a + b}')
done
awk -v d="$sum_djl" -v t="$sum_torch" -v n="$rounds" \
  'BEGIN {printf "mean of %d: djl %.1f images/s, torch %.1f images/s, ratio djl/torch %.3f (goal >= 0.8)\n", n, d / n, t / n, d / t}'

echo "== pretraining wall time, pruned vs full (same epochs), load $(cut -d' ' -f1-3 /proc/loadavg)"
java_bench pruning "$(( (rounds + 1) / 2 ))"
