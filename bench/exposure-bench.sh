#!/usr/bin/env bash
# The exposure matching benchmark of issue 3 §8 (see bench/README.md, "Exposure matching"):
# builds the exposure and bench modules, then runs io.ward.bench.ExposureBenchmark.
#   bench/exposure-bench.sh             # the issue's size: 300k advisories, 100k devices × ~30 components
#   bench/exposure-bench.sh --small     # a quick check (3k advisories, 1k devices)
#   bench/exposure-bench.sh --help      # every option
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_JAVA_OPTS replaces the JVM options. The default
# collector is the parallel one, as `ward vulns` uses; BENCH_JAVA_OPTS="-Xmx6g -XX:+UseG1GC" gives
# the server's collector.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export WARD_TESTDATA="${WARD_TESTDATA:-$root/../shared/data}"
out=bench/target/exposure-bench

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "exposure-bench: building exposure and bench…" >&2
  mvn -q -B -DskipTests -Pquick -pl exposure install >&2
  mvn -q -B -DskipTests -Pquick -pl bench package >&2
  mkdir -p "$out"
  mvn -q -B -pl bench org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
    -Dmdep.outputFile=target/exposure-bench/classpath.txt >&2
  # Run from copies: other people's builds may reinstall the Ward jars while the benchmark runs.
  rm -rf "$out/lib" && mkdir -p "$out/lib"
  tr ':' '\n' < "$out/classpath.txt" | grep -v '^$' | xargs -I{} cp {} "$out/lib/"
  cp "$(ls bench/target/ward-bench-*.jar | grep -v -e sources -e javadoc | head -1)" "$out/lib/"
fi
[ -d "$out/lib" ] || { echo "exposure-bench: no build yet; run without BENCH_SKIP_BUILD" >&2; exit 1; }
exec java ${BENCH_JAVA_OPTS:--Xmx6g -XX:+UseParallelGC} -cp "$out/lib/*" io.ward.bench.ExposureBenchmark "$@"
