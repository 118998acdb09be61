#!/usr/bin/env bash
# Builds what dp4tl-gpu/bench/gpu-check.sh needs on a GPU machine that has no Java: a jlink'ed
# JDK 25 runtime, the jars (dp4tl-api, dp4tl-core, dp4tl-gpu and their dependencies, JUnit's
# console launcher) and dp4tl-gpu's compiled tests and benchmark, in an ignored folder
# (default dp4tl-gpu/target/gpu-bundle, well under 64 MiB).
#
# Usage: dp4tl-gpu/bench/package.sh [OUT]   (run from anywhere; never installs into ~/.m2)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:-$ROOT/dp4tl-gpu/target/gpu-bundle}"
JDK="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JUNIT_CONSOLE_VERSION="1.13.4"   # the platform version of the JUnit BOM in the root pom

cd "$ROOT"
rm -rf "$OUT"
mkdir -p "$OUT/lib"

# Jars of the reactor and every dependency dp4tl-gpu's tests use; the engines of dp4tl-core that
# these tests never load (ONNX Runtime, DJL/PyTorch and their own dependencies, charts) are left
# out to stay small.
mvn -B -q -pl dp4tl-gpu -am package dependency:copy-dependencies -DskipTests \
  -DincludeScope=test -DoutputDirectory="$OUT/lib" \
  -DexcludeGroupIds=com.microsoft.onnxruntime,ai.djl,ai.djl.pytorch,io.github.mymonstercat,org.knowm.xchart,net.java.dev.jna,com.google.code.gson,org.apache.commons,commons-io,commons-codec
cp dp4tl-gpu/target/dp4tl-gpu-*.jar "$OUT/lib/"
rm -f "$OUT"/lib/dp4tl-*-tests.jar
mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE_VERSION" \
  -DoutputDirectory="$OUT/lib"
# The standalone console launcher carries its own JUnit; drop the separate platform jars.
find "$OUT/lib" -name 'junit-platform-*.jar' ! -name 'junit-platform-console-standalone-*' -delete
find "$OUT/lib" -name 'junit-jupiter-*.jar' -delete
find "$OUT/lib" -name 'opentest4j-*.jar' -delete
find "$OUT/lib" -name 'apiguardian-*.jar' -delete
# AssertJ needs Byte Buddy only for soft assertions and proxies, which these tests do not use.
find "$OUT/lib" -name 'byte-buddy-*.jar' -delete
cp -r dp4tl-gpu/target/test-classes "$OUT/test-classes"

"$JDK/bin/jlink" \
  --add-modules java.base,java.logging,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$OUT/jre"

du -sh "$OUT"
size=$(du -sm "$OUT" | cut -f1)
if [ "$size" -ge 60 ]; then
  echo "bundle is ${size} MiB; the device machine takes at most 64 MiB" >&2
  exit 1
fi
echo "bundle ready: $OUT (${size} MiB)"
