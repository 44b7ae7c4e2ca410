package io.ward.cli;

/**
 * How many workers {@code ward analyze} runs when {@code --workers} is not given: one per processor
 * but one, at most {@link #MAX}, and at least one. The processor left over runs the threads that
 * serve the workers: the JIT compiler and the collector, the inflating of a compressed capture, and
 * for a single worker the reading of its file and the feeding of the inventory (both on threads of
 * their own since session 23).
 *
 * <p>Measured on two processors (bench/README.md, session 23), one worker with those threads
 * finished every kind of input as soon as two workers or sooner, for less CPU and memory: the
 * benchmark's 1.5M-packet capture in 1.90 s against 1.89 s, a 10,000-device capture in 5.08 s
 * against 6.10 s (6.41 s before session 23), the capture on standard input in 2.50 s against 2.60
 * s; a gzip-compressed capture already ran one worker, as inflating it takes a processor. Up to
 * {@link #MAX}, each worker reads an uncompressed capture file by itself and they share nothing;
 * beyond it, one thread reads for all. More than two processors were not measured.
 */
final class DefaultWorkers {
  /** The most workers used unless asked for more. */
  static final int MAX = 4;

  private DefaultWorkers() {}

  /** The default on {@code processors} processors. */
  static int of(int processors) {
    return Math.max(1, Math.min(processors - 1, MAX));
  }
}
