package io.ward.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a profiled Ward run spent its time and allocated its memory, from a JDK Flight Recorder
 * file: execution samples counted by their top frame (self time) and by every Ward method on the
 * stack (inclusive time), allocation samples weighed by class and the Ward method that allocated.
 *
 * @param samples execution samples in the recording
 * @param selfTime sample counts by top-of-stack method, highest first
 * @param wardSelf sample counts by the Ward method nearest the top of the stack (JDK and library
 *     callees folded into the Ward method that called them), highest first
 * @param wardInclusive sample counts by io.ward method anywhere on the stack, highest first
 * @param allocations sampled bytes by allocated class and allocating Ward method, highest first
 */
record HotSpots(
    long samples,
    List<Map.Entry<String, Long>> selfTime,
    List<Map.Entry<String, Long>> wardSelf,
    List<Map.Entry<String, Long>> wardInclusive,
    List<Map.Entry<String, Long>> allocations) {

  private static final String WARD_PACKAGE = "io.ward.";

  HotSpots {
    selfTime = List.copyOf(selfTime);
    wardSelf = List.copyOf(wardSelf);
    wardInclusive = List.copyOf(wardInclusive);
    allocations = List.copyOf(allocations);
  }

  /** Summarises a recording, keeping the {@code top} entries of each list. */
  static HotSpots read(Path recording, int top) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> wardSelf = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> allocated = new HashMap<>();
    long samples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        String type = event.getEventType().getName();
        if (type.equals("jdk.ExecutionSample")) {
          List<RecordedFrame> frames = frames(event);
          if (!frames.isEmpty()) {
            samples++;
            self.merge(name(frames.get(0)), 1L, Long::sum);
            wardSelf.merge(firstWardFrame(frames), 1L, Long::sum);
            countWardFramesOnce(frames, inclusive);
          }
        } else if (type.equals("jdk.ObjectAllocationSample")) {
          RecordedClass cls = event.getClass("objectClass");
          String site = firstWardFrame(frames(event));
          String key = (cls == null ? "?" : cls.getName()) + " in " + site;
          allocated.merge(key, event.getLong("weight"), Long::sum);
        }
      }
    }
    return new HotSpots(
        samples,
        highest(self, top),
        highest(wardSelf, top),
        highest(inclusive, top),
        highest(allocated, top));
  }

  private static List<RecordedFrame> frames(RecordedEvent event) {
    RecordedStackTrace stack = event.getStackTrace();
    return stack == null ? List.of() : stack.getFrames();
  }

  private static void countWardFramesOnce(List<RecordedFrame> frames, Map<String, Long> into) {
    Set<String> seen = new HashSet<>();
    for (RecordedFrame frame : frames) {
      String name = name(frame);
      if (name.startsWith(WARD_PACKAGE) && seen.add(name)) {
        into.merge(name, 1L, Long::sum);
      }
    }
  }

  private static String firstWardFrame(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String name = name(frame);
      if (name.startsWith(WARD_PACKAGE)) {
        return name;
      }
    }
    return frames.isEmpty() ? "?" : "(no Ward frame) " + name(frames.get(0));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static List<Map.Entry<String, Long>> highest(Map<String, Long> counts, int top) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }
}
