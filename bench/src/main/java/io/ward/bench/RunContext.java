package io.ward.bench;

/**
 * When, where and how one benchmark ran.
 *
 * @param command the command line that reproduces it
 * @param started wall-clock start, ISO-8601
 * @param runs interleaved runs of each process
 * @param machine the machine's description
 * @param loadBefore load averages before the first timed run
 * @param loadAfter load averages after the last timed run
 * @param wardRevision {@code git describe --always --dirty} of the tree Ward was built from
 */
record RunContext(
    String command,
    String started,
    int runs,
    MachineInfo machine,
    String loadBefore,
    String loadAfter,
    String wardRevision) {}
