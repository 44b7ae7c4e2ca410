package io.ward.bench;

import java.util.List;

/**
 * The profile of one Ward run under JDK Flight Recorder.
 *
 * @param id the profiled contender's id, e.g. {@code ward-full}
 * @param command the profiled command line
 * @param hotSpots where it spent time and allocated memory
 */
record ProfiledRun(String id, List<String> command, HotSpots hotSpots) {

  ProfiledRun {
    command = List.copyOf(command);
  }
}
