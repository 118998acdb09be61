#!/usr/bin/env bash
# Fuzzes dp4tl's parsers of untrusted files with Jazzer (docs/fuzzing.md).
#
#   scripts/fuzz.sh [TARGET...] [-- MAVEN_ARGS]    # TARGET: npy, manifest, image (default: all, in turn)
#   FUZZ_TIME=30m scripts/fuzz.sh npy             # how long each target runs (default 10m)
#
# Each target runs in fuzzing mode (JAZZER_FUZZ=1) for FUZZ_TIME. The corpus it grows is kept in
# dp4tl-core/.cifuzz-corpus/ (not committed); an input that crashes it is written next to the
# committed corpus in dp4tl-core/src/test/resources/io/dp4tl/core/.../*FuzzTestInputs/, where
# `mvn verify` replays it as a regression test from then on. Runs under `nice` when available.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
declare -A CLASS=(
  [npy]='io.dp4tl.core.io.NpyFuzzTest'
  [manifest]='io.dp4tl.core.manifest.ManifestFuzzTest'
  [image]='io.dp4tl.core.dataset.internal.ImageDecoderFuzzTest'
)
targets=()
while [[ $# -gt 0 && "$1" != -- ]]; do
  [[ -n "${CLASS[$1]:-}" ]] || { echo "fuzz.sh: unknown target '$1' (npy, manifest, image)" >&2; exit 2; }
  targets+=("$1")
  shift
done
[[ "${1:-}" == -- ]] && shift
[[ ${#targets[@]} -gt 0 ]] || targets=(npy manifest image)
NICE=()
if command -v nice >/dev/null 2>&1; then NICE=(nice -n 10); fi
for t in "${targets[@]}"; do
  echo "fuzz.sh: fuzzing $t (${CLASS[$t]}) for ${FUZZ_TIME:-10m}" >&2
  (cd "$ROOT" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${FUZZ_TIME:-10m}" "${NICE[@]}" mvn -B -pl dp4tl-core -am test \
    -Dtest="${CLASS[$t]}" -Dsurefire.failIfNoSpecifiedTests=false "$@")
done
