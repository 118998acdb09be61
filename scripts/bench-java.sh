# Sourced by the core benchmark scripts (not run on its own): sets JAVA (BENCH_JAVA, else the JDK 25
# under /usr/lib/jvm, else `java`), builds dp4tl-core's test classes and sets CP to them, the Java 22
# part (class directories are not a multi-release jar, so META-INF/versions/22 goes on the path
# itself: BLAS through FFM), dp4tl-api and their dependencies. Extra Maven flags: BENCH_MVN_FLAGS.
JAVA="${BENCH_JAVA:-}"
if [[ -z "$JAVA" ]]; then
  JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)"
  JAVA="${JDK:+$JDK/bin/}java"
fi
# shellcheck disable=SC2086 # BENCH_MVN_FLAGS may hold several flags
mvn -B -q ${BENCH_MVN_FLAGS:-} -pl dp4tl-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
CP="dp4tl-core/target/test-classes:dp4tl-core/target/classes:dp4tl-core/target/classes/META-INF/versions/22"
CP="$CP:dp4tl-api/target/classes:$(cat dp4tl-core/target/bench-classpath.txt)"
