package io.ward.bench;

import java.util.List;

/**
 * The profile of one Ward run under JDK Flight Recorder.
 *
 * @param command the profiled command line
 * @param hotSpots where it spent time and allocated memory
 */
record ProfiledRun(List<String> command, HotSpots hotSpots) {

  ProfiledRun {
    command = List.copyOf(command);
  }
}
