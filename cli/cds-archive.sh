#!/usr/bin/env bash
# Writes a class-data-sharing archive for a Ward jar: cli/cds-archive.sh JAR ARCHIVE [JAVA_OPTS...]
#
# Why: a fresh JVM spends about half a second loading and verifying Ward's classes before the first
# packet; an AppCDS archive (JDK 13+ dynamic archive, -XX:ArchiveClassesAtExit) maps them ready-made.
# The archive is made by one training run — a small simulated hospital analysed end to end, so the
# classes of every dissector, the inventory and the JSON writer are in it — and is only valid for
# the same jar at the same path, so the ward launcher remakes it whenever the jar is rebuilt.
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
java "$@" -XX:ArchiveClassesAtExit="$work/ward.jsa" -jar "$jar" analyze --no-progress \
  --json /dev/null "$work/training.pcap" >/dev/null 2>"$work/analyze.err" || exit 0
mv "$work/ward.jsa" "$archive"
