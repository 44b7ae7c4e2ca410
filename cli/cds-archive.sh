#!/usr/bin/env bash
# Writes a class-data-sharing archive for a Ward jar: cli/cds-archive.sh JAR ARCHIVE [JAVA_OPTS...]
#
# Why: a fresh JVM spends about half a second loading and verifying Ward's classes before the first
# packet; an AppCDS archive maps them ready-made. The archive is made from one training run — a
# small simulated hospital analysed end to end, so the classes of every dissector, the inventory
# and the JSON writer are in it — and is only valid for the same jar at the same path, so the ward
# launcher remakes it whenever the jar is rebuilt.
#
# A static archive (-Xshare:dump over the training run's class list), not a dynamic one
# (-XX:ArchiveClassesAtExit): JDK 17's dynamic archives leave out Java 5 class files, and picocli's
# classes are all Java 5, so every start loaded and verified them afresh. The static archive holds
# them; a tiny analysis starts about 30 ms sooner (10 interleaved runs, session 14). It is dumped with
# the JVM's default collector so that `ward serve` (G1) also maps the archived heap objects; the
# analysis's serial collector ignores those and uses the classes.
#
# Best effort: on any failure no archive is left behind and Ward simply starts without one.
set -uo pipefail
jar="$1"
archive="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$archive"
java -jar "$jar" simulate --devices 40 --minutes 3 --seed 1 -o "$work/training.pcap" \
  >/dev/null 2>"$work/simulate.err" || exit 0
# shellcheck disable=SC2068 # the JVM options are meant to split into words
java "$@" -XX:DumpLoadedClassList="$work/classes.txt" -jar "$jar" analyze --no-progress \
  --json /dev/null "$work/training.pcap" >/dev/null 2>"$work/analyze.err" || exit 0
# The class path must be spelled as the launcher's -jar spells it: the archive checks it at start.
java -Xshare:dump -XX:SharedClassListFile="$work/classes.txt" \
  -XX:SharedArchiveFile="$work/ward.jsa" -cp "$jar" >"$work/dump.out" 2>&1 || exit 0
mv "$work/ward.jsa" "$archive"
