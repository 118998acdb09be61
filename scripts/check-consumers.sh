#!/usr/bin/env bash
# check-consumers.sh - builds the two example projects that use dp4tl as a Maven dependency
# (dp4tl-examples/consumers/core-only: dp4tl-core alone; .../with-onnx: + dp4tl-onnx), prints the
# size of the jars each resolves and runs each one's main. Installs dp4tl into the local Maven
# repository first (mvn install, tests skipped), as a user of a snapshot would.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
mvn -B -q -o install -DskipTests -pl dp4tl-bom,dp4tl-api,dp4tl-core,dp4tl-onnx -am
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for c in core-only with-onnx; do
  dir="$ROOT/dp4tl-examples/consumers/$c"
  (cd "$dir" && mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
  cp="$(cat "$dir/target/cp.txt")"
  bytes=$(tr ':' '\n' <<<"$cp" | xargs -r stat -c %s | awk '{s+=$1} END {print s}')
  printf '%s: %d jars, %.1f MB\n' "$c" "$(tr ':' '\n' <<<"$cp" | grep -c .)" "$(awk -v b="$bytes" 'BEGIN {print b/1e6}')"
  tr ':' '\n' <<<"$cp" | xargs -r stat -c '  %s %n' | sort -rn | sed "s|$HOME/.m2/repository/||"
  case "$c" in
    core-only) "$JAVA" -cp "$dir/target/classes:$cp" example.LabelMappingMain \
      examples/lm-tiny/target_logits.npy examples/lm-tiny/source_labels.npy 0.5 ;;
    with-onnx) "$JAVA" -Djava.awt.headless=true -cp "$dir/target/classes:$cp" example.OnnxLabelMappingMain \
      dp4tl-core/src/test/resources/data/digits-2x10.png ;;
  esac
done
