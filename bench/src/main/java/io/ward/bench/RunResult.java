package io.ward.bench;

/**
 * One timed run of one process.
 *
 * @param seconds wall-clock time from fork to exit (JVM start included for Ward)
 * @param peakRssKibibytes the process's maximum resident set size as GNU time reports it
 * @param cpuSeconds user plus system CPU time of the process and its threads, which a loaded
 *     machine inflates far less than wall-clock time
 */
record RunResult(double seconds, long peakRssKibibytes, double cpuSeconds) {}
