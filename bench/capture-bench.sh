#!/usr/bin/env bash
# The capture benchmark of issue 2 §8: builds Ward's runnable jar and this module, then simulates a
# hospital capture and times Ward, tshark and ndpiReader on it (see bench/README.md).
#   bench/capture-bench.sh            # the issue's size: >= 1.5M packets, 3 interleaved runs
#   bench/capture-bench.sh --small    # a quick check on 100k packets
#   bench/capture-bench.sh --help     # every option
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in java mvn tshark editcap ndpiReader; do
  command -v "$tool" >/dev/null || { echo "capture-bench: $tool is not installed" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "capture-bench: GNU time (/usr/bin/time) is not installed" >&2; exit 1; }

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "capture-bench: building cli/target/ward.jar and the bench module…" >&2
  mvn -q -B -DskipTests -Pquick -pl cli,bench -am package >&2
fi

bench_jar="$(ls bench/target/ward-bench-*.jar | grep -v -e sources -e javadoc | head -1)"
# The benchmark's own classes are copied too: a rebuild of the bench module mid-run once removed
# classes the report still needed (ClassNotFoundException at the end of a 15-minute run).
mkdir -p bench/target/capture-bench
cp "$bench_jar" bench/target/capture-bench/ward-bench.jar
bench_jar=bench/target/capture-bench/ward-bench.jar
# Work from a copy of ward.jar: other people's ./ward may rebuild cli/target/ward.jar while the
# benchmark runs, and every run must time the same code. The copy also carries the simulator and
# picocli for the benchmark itself; the bench jar adds only its own classes.
mkdir -p bench/target/capture-bench
cp cli/target/ward.jar bench/target/capture-bench/ward.jar
# Ward's processes get the JVM options the ward launcher uses for an analysis, with a class-data
# archive made for this copy of the jar the way the launcher makes its own.
# shellcheck source=../cli/analysis-java-opts.sh
. cli/analysis-java-opts.sh
ward_java_opts="$analysis_java_opts"
echo "capture-bench: preparing the class-data archive of the copied jar…" >&2
# shellcheck disable=SC2086 # word splitting of the options is intended
cli/cds-archive.sh bench/target/capture-bench/ward.jar bench/target/capture-bench/ward.jsa $ward_java_opts
if [ -f bench/target/capture-bench/ward.jsa ]; then
  ward_java_opts="-XX:SharedArchiveFile=bench/target/capture-bench/ward.jsa -Xlog:cds=off -Xlog:cds+dynamic=off $ward_java_opts"
fi
exec java ${BENCH_JAVA_OPTS:-} -Dward.javaOptions="$ward_java_opts" -cp "$bench_jar:bench/target/capture-bench/ward.jar" \
  io.ward.bench.CaptureBenchmark "$@"
