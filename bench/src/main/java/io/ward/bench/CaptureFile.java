package io.ward.bench;

import java.nio.file.Path;

/**
 * One capture the tools read.
 *
 * @param label how the report names it, e.g. {@code 1× pcap}
 * @param path where it is
 * @param packets packet records in it
 * @param bytes its size on disk
 * @param origin how it was made, e.g. the simulator's devices, minutes and seed
 */
record CaptureFile(String label, Path path, long packets, long bytes, String origin) {

  CaptureFile {
    if (packets < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative size for " + path);
    }
  }
}
