#!/usr/bin/env bash
# Full Feature Mapping at ImageNet-1k's shape (not a test): 1,281,167 x 512 source features
# (about 2.6 GB, memory-mapped; overlapping clusters, see bench_select.py), K = 1,000, 20 Lloyd iterations, on the given threads; dp4tl (k-means++
# then 20 iterations, every row, then the 10,000 target features' nearest clusters) and FAISS
# (Kmeans(niter=20) on every row from its random initialisation, then index.search of the target, and
# separately of every source row, the assignment Feature Mapping keeps rows by) one after the
# other in this one run, each line with the 1-minute load average after it. dp4tl stops early when an
# iteration no longer lowers the inertia (tolerance 0); its line says how many it ran. The data is generated
# once, seeded, into data/bench/ (git-ignored); it needs about 2.7 GB of disk there.
# Needs python3 with numpy and faiss-cpu. Usage: scripts/bench-fm-full.sh [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${1:-2}"
DATA=data/bench

mkdir -p "$DATA"
if [[ ! -f "$DATA/full_overlap_features.npy" ]]; then
  df -h "$DATA"
  echo "generating 1,281,167 x 512 seeded features in $DATA (about 2.6 GB) ..." >&2
  python3 scripts/bench_select.py gen-full "$DATA"
fi

source scripts/bench-java.sh
value() { grep "^$1 " <<<"$2" | awk '{print $2}'; }
load() { cut -d' ' -f1 /proc/loadavg; }

echo "running dp4tl Feature Mapping ..." >&2
J="$("$JAVA" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp "$CP" io.dp4tl.core.bench.FeatureMappingMemoryBench \
  "$DATA/full_overlap_features.npy" "$DATA/full_overlap_target.npy" 1000 20 "$THREADS" 0)"
L_J="$(load)"
echo "running FAISS k-means ..." >&2
P="$(OMP_WAIT_POLICY=PASSIVE python3 scripts/bench_select.py kmeans-full "$DATA/full_overlap_features.npy" "$DATA/full_overlap_target.npy" \
  1000 20 "$THREADS")"
L_P="$(load)"

echo
echo "full Feature Mapping, 1,281,167 x 512, K = 1,000, 20 iterations, $THREADS threads ($(nproc) cores)"
printf '%-40s %10s s   load %s\n' "dp4tl (k-means++, 20 Lloyd, target)" "$(value fm.seconds "$J")" "$L_J"
printf '%-40s %10s s   load %s\n' "FAISS (random init, 20 Lloyd, search)" "$(value full.faiss_s "$P")" "$L_P"
printf '%-40s %10s s\n' "  + every source row's final cluster" "$(value full.faiss_with_assignment_s "$P")"
echo "ratios: dp4tl / FAISS $(python3 -c "print(f'{$(value fm.seconds "$J") / $(value full.faiss_s "$P"):.2f}x')");" \
  "dp4tl / FAISS with the source's assignment (the work Feature Mapping needs)" \
  "$(python3 -c "print(f'{$(value fm.seconds "$J") / $(value full.faiss_with_assignment_s "$P"):.2f}x')")"
echo "dp4tl: $(grep '^fm\.' <<<"$J" | tr '\n' ' ')"
echo "faiss: $(grep '^full\.' <<<"$P" | tr '\n' ' ')"
echo "machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
