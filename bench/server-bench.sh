#!/usr/bin/env bash
# The server benchmark of issue 4 §8 (see bench/README.md, "Server"): builds Ward's runnable jar
# and this module, then loads PostgreSQL through the server's schema, measures the inventory API
# under concurrent clients and compares ingest through the server with `ward analyze`.
#   bench/server-bench.sh            # the issue's size: 100k devices, 1M flows, 500k findings, 2M packets
#   bench/server-bench.sh --small    # a quick check (10k devices, 100k packets, short rounds)
#   bench/server-bench.sh --help     # every option
# Needs PostgreSQL on 127.0.0.1:5432 with trust authentication for user postgres; the run creates
# the database ward_bench and drops it at the end. BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "server-bench: $tool is not installed" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "server-bench: GNU time (/usr/bin/time) is not installed" >&2; exit 1; }

out=bench/target/server-bench
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "server-bench: building cli/target/ward.jar and the bench module…" >&2
  mvn -q -B -Dmaven.test.skip=true -Pquick -pl cli,bench -am package >&2
  # Run from copies: other people's builds may replace these jars while the benchmark runs.
  mkdir -p "$out"
  cp cli/target/ward.jar "$out/ward.jar"
  cp "$(ls bench/target/ward-bench-*.jar | grep -v -e sources -e javadoc | head -1)" "$out/ward-bench.jar"
fi
[ -f "$out/ward.jar" ] && [ -f "$out/ward-bench.jar" ] || {
  echo "server-bench: no build yet; run without BENCH_SKIP_BUILD" >&2; exit 1; }
# `ward analyze` gets the JVM options the ward launcher uses for an analysis; the server, like
# `ward serve`, the JVM's defaults (BENCH_SERVER_JAVA_OPTS adds options to the server's JVMs).
# shellcheck source=../cli/analysis-java-opts.sh
. cli/analysis-java-opts.sh
ward_java_opts="$analysis_java_opts"
exec java ${BENCH_JAVA_OPTS:-} -Dward.javaOptions="$ward_java_opts" \
  -Dward.serverJavaOptions="${BENCH_SERVER_JAVA_OPTS:-}" \
  -cp "$out/ward-bench.jar:$out/ward.jar" io.ward.bench.ServerBenchmark "$@"
