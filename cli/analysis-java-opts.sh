# The JVM options of an analysis (ward analyze, simulate, the other capture commands), in
# $analysis_java_opts. Sourced by the ward launcher and by bench/capture-bench.sh and
# bench/server-bench.sh, so that the benchmarks run Ward exactly as the launcher does on the same
# machine. The launcher's comment says why the other options; this one why the initial heap, the
# compile thresholds and the huge pages.
#
# The initial heap is 128 MB instead of the JVM's 1/64 of memory (384 MB on a 24 GB machine): the
# serial collector's young generation is a third of the heap, and an analysis touches all of it
# between collections, so the default's 128 MB young generation was most of the resident set while
# the live data was about 30 MB. The heap, and its young generation with it, still grows with the
# live data. Measured on the benchmark's 1.5M-packet capture: peak RSS 219 -> 142 MB at the same
# time; on a 20,000-device capture 642 -> 614 MB, no slower (bench/README.md). Below 8 GB of memory
# the JVM's own initial heap is already smaller than 128 MB, so it is left alone there.
#
# CompileThresholdScaling=0.5 has C1 compile a method after half the usual calls and loop turns. An
# analysis spends its first half-million packets warming up (the first third of the benchmark's
# capture took about 1.2 s, each later third about 0.6 s), much of it in the interpreter; compiling
# sooner costs the compiler threads a little more, on the other core. Interleaved runs (median of
# 8, session 13): 1x capture 2.97 -> 2.85 s and 3.05 -> 2.67 s; a 10,000-device capture 5.38 ->
# 5.07 s; 2x capture 4.38 -> 4.29 s; decode-only and a tiny capture unchanged within noise. 0.3 and
# 0.2 measured alike; 0.5 compiles least of them.
#
# UseTransparentHugePages backs the heap and the compiled code with 2 MB pages where the kernel's
# transparent huge pages are enabled (always, or madvise as on Debian): one page fault instead of
# 512 for each 2 MB the analysis touches, and far fewer TLB misses in the inventory's and flow
# table's scattered look-ups. On this project's 2-core virtual machines a 4 KB page fault cost about
# 12 us and a random load from a 64 MB array 226 ns (180 ns on huge pages). Interleaved pairs on the
# benchmark's 1.5M-packet capture (session 19, bench/README.md): full analysis 2.78 -> 2.37 s (14 of
# 16 pairs faster, CPU 3.44 -> 2.97 s), 2 workers 2.28 -> 2.07 s (12 of 12), decode-only 1.12 ->
# 0.99 s (12 of 12), a 9-packet capture 0.58 -> 0.43 s (10 of 10); peak RSS 4-7 MB higher. Left out
# where the kernel has them off ("never"), where the JVM could not use them anyway.
analysis_java_opts="-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xms128m -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5"
memory_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || true)"
if [ -n "$memory_kb" ] && [ "$memory_kb" -lt $((8 * 1024 * 1024)) ]; then
  analysis_java_opts="${analysis_java_opts/ -Xms128m/}"
fi
# $huge_pages_opt is the option alone, or empty, for the launcher's other commands (ward vulns).
huge_pages_opt=""
case "$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)" in
  *"[always]"* | *"[madvise]"*) huge_pages_opt="-XX:+UseTransparentHugePages" ;;
esac
analysis_java_opts="$analysis_java_opts${huge_pages_opt:+ $huge_pages_opt}"
