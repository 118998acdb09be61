#!/usr/bin/env bash
# bench-inference.sh - surrogate inference throughput: dp4tl's pipeline (InferencePass + OnnxBackend)
# against bare OrtSession.run on the same pre-built batches, for PP-OCRv4's recogniser and the
# small ppocr cls CNN. Prints images/s for both and the overhead in %.
#
# Usage: scripts/bench-inference.sh [images] [batch] [ortThreads] [repeats]   (default 2048 64 1 3)
# Builds dp4tl-examples' test classes (no tests run) and runs io.dp4tl.examples.bench.InferenceBench.
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so dp4tl-api resolves from the build, not from ~/.m2.
mvn -B -q -pl dp4tl-examples -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do [[ -x "$j" ]] && JAVA="$j"; done
CP="dp4tl-examples/target/test-classes:dp4tl-examples/target/classes:$(cat dp4tl-examples/target/bench.classpath)"
OMP_WAIT_POLICY=PASSIVE exec "$JAVA" -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -Xmx4g \
  -cp "$CP" io.dp4tl.examples.bench.InferenceBench "$@"
