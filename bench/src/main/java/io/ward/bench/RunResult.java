package io.ward.bench;

/**
 * One timed run of one process.
 *
 * @param seconds wall-clock time from fork to exit (JVM start included for Ward)
 * @param peakRssKibibytes the process's maximum resident set size as GNU time reports it
 */
record RunResult(double seconds, long peakRssKibibytes) {}
