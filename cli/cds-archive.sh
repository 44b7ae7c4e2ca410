#!/usr/bin/env bash
# Writes a class-data-sharing archive for a Ward jar: cli/cds-archive.sh JAR ARCHIVE [JAVA_OPTS...]
#
# Why: a fresh JVM spends about half a second loading and verifying Ward's classes before the first
# packet; an AppCDS archive maps them ready-made. The archive is made from one training run — a
# small simulated hospital analysed end to end, so the classes of every dissector, the inventory
# and the JSON writer are in it (150 devices: with 40, until session 16, the capture held no
# POCT1-A, Telnet or FTP, and an analysis loaded their classes and the JDK's XML parser, about a
# hundred classes, from the jar) — and is only valid for the same jar file and the same java, so the
# ward launcher remakes it whenever the jar is rebuilt.
#
# A static archive (-Xshare:dump over the training run's class list), not a dynamic one
# (-XX:ArchiveClassesAtExit): JDK 17's dynamic archives leave out Java 5 class files, and picocli's
# classes are all Java 5, so every start loaded and verified them afresh. The static archive holds
# them; a tiny analysis starts about 30 ms sooner (10 interleaved runs, session 14). A static
# archive replaces the JDK's own, so the JDK's default class list goes in too: commands other than
# analyze keep the JDK classes they had from it (ward serve was listening after 7.6 s against 7.5 s
# with the dynamic archive, medians of 5, within noise). Dumped under G1 instead, the archive would
# also give the server its archived heap objects, but the serial collector of an analysis then
# started a tiny analysis 0.35 s slower.
#
# JAVA_OPTS are the analysis's JVM options, used for the training run and the dump alike: the
# archive is refused at start when the dump's heap settings differ from the run's (compressed
# object pointers, which a heap of over 32 GB turns off).
#
# Best effort: on any failure no archive is left behind, the reason goes to ARCHIVE.failed and one
# line to stderr, the script exits 0, and Ward simply starts without an archive. The launcher does
# not try again until the jar changes.
set -uo pipefail
# The archive records the jar's path and checks it at every start; a relative one would be looked
# up again from each start's working directory.
jar="$(realpath -- "$1")"
archive="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$archive" "$archive.failed"

# Records why, keeps the failure apart from the archive, and ends the script successfully.
give_up() {
  local step="$1" log="$2"
  {
    echo "cds-archive: $step failed; Ward starts without a class-data archive"
    [ -f "$log" ] && tail -n 20 "$log"
  } >"$archive.failed" 2>/dev/null
  echo "cds-archive: $step failed (see $archive.failed); Ward starts without a class-data archive" >&2
  exit 0
}

java -jar "$jar" simulate --devices 150 --minutes 3 --seed 1 -o "$work/training.pcap" \
  >/dev/null 2>"$work/simulate.err" || give_up "the training capture" "$work/simulate.err"
java "$@" -XX:DumpLoadedClassList="$work/classes.txt" -jar "$jar" analyze --no-progress \
  --json /dev/null "$work/training.pcap" >/dev/null 2>"$work/analyze.err" ||
  give_up "the training analysis" "$work/analyze.err"
java_home="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
if [ -f "$java_home/lib/classlist" ]; then
  cat "$java_home/lib/classlist" >>"$work/classes.txt"
fi
java "$@" -Xshare:dump -XX:SharedClassListFile="$work/classes.txt" \
  -XX:SharedArchiveFile="$work/ward.jsa" -cp "$jar" >"$work/dump.out" 2>&1 ||
  give_up "the archive dump" "$work/dump.out"
mv "$work/ward.jsa" "$archive" 2>"$work/mv.err" || give_up "moving the archive into place" "$work/mv.err"
