# The JVM options of an analysis (ward analyze, simulate, the other capture commands), in
# $analysis_java_opts. Sourced by the ward launcher and by bench/capture-bench.sh and
# bench/server-bench.sh, so that the benchmarks run Ward exactly as the launcher does on the same
# machine. The launcher's comment says why the other options; this one why the initial heap.
#
# The initial heap is 128 MB instead of the JVM's 1/64 of memory (384 MB on a 24 GB machine): the
# serial collector's young generation is a third of the heap, and an analysis touches all of it
# between collections, so the default's 128 MB young generation was most of the resident set while
# the live data was about 30 MB. The heap, and its young generation with it, still grows with the
# live data. Measured on the benchmark's 1.5M-packet capture: peak RSS 219 -> 142 MB at the same
# time; on a 20,000-device capture 642 -> 614 MB, no slower (bench/README.md). Below 8 GB of memory
# the JVM's own initial heap is already smaller than 128 MB, so it is left alone there.
analysis_java_opts="-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xms128m -XX:TieredStopAtLevel=1"
memory_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || true)"
if [ -n "$memory_kb" ] && [ "$memory_kb" -lt $((8 * 1024 * 1024)) ]; then
  analysis_java_opts="${analysis_java_opts/ -Xms128m/}"
fi
