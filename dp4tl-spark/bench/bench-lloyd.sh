#!/usr/bin/env bash
# bench-lloyd.sh - Feature Mapping's k-means on Spark vs one JVM (a benchmark, not a test).
#
#   dp4tl-spark/bench/bench-lloyd.sh [n d k iterations]     # default 1000000 128 1000 5
#
# Generates n x d seeded Gaussian features and runs the given number of Lloyd iterations from the
# same k-means++ centroids with dp4tl-core (1 and 2 threads) and dp4tl-spark (local[1], local[2])
# in one JVM, and prints the seconds and the ratios (scaling, overhead). Run it on an idle machine,
# or say how loaded it was (uptime is printed before and after).
set -euo pipefail
cd "$(dirname "$0")/../.."
uptime
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -pl dp4tl-spark -am
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[[ -x "$JAVA" ]] || JAVA=java
# Class directories are not a multi-release jar: dp4tl-core's Java 22 part (BLAS through FFM) goes on
# the path itself, so both sides run the BLAS kernel as a jar on Java 22+ would.
BLAS=dp4tl-core/target/classes/META-INF/versions/22
OPTS="$(sed -n 's:.*<spark.module.options>\(.*\)</spark.module.options>.*:\1:p' dp4tl-spark/pom.xml)"
# shellcheck disable=SC2086 # OPTS holds several flags on purpose
SPARK_LOCAL_IP=127.0.0.1 OMP_WAIT_POLICY=PASSIVE "$JAVA" $OPTS -Xmx${BENCH_HEAP:-8g} \
  -Dlog4j2.configurationFile="$PWD/dp4tl-spark/launcher/log4j2.properties" \
  -cp "dp4tl-spark/target/test-classes:dp4tl-spark/target/classes:$BLAS:$(cat dp4tl-spark/target/bench-classpath.txt)" \
  io.dp4tl.spark.bench.LloydBench "$@"
uptime
