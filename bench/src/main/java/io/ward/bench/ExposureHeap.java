package io.ward.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures from the JVM itself: the heap occupied just before each collection (the peak the
 * program really reached, from GC notifications of the MemoryMXBean's collectors) and the live heap
 * after a full collection.
 */
final class ExposureHeap implements AutoCloseable {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final AtomicLong peakBytes = new AtomicLong();
  private final List<Runnable> detach = new ArrayList<>();

  /** Starts watching collections. */
  ExposureHeap() {
    NotificationListener listener =
        (n, handback) -> {
          if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
              n.getType())) {
            return;
          }
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long before = 0;
          for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
            before += u.getUsed();
          }
          peakBytes.accumulateAndGet(before, Math::max);
        };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        NotificationEmitter e = (NotificationEmitter) gc;
        e.addNotificationListener(listener, null, null);
        detach.add(
            () -> {
              try {
                e.removeNotificationListener(listener);
              } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
              }
            });
      }
    }
  }

  /** Starts a new peak from the heap in use now. */
  void resetPeak() {
    peakBytes.set(used());
  }

  /** The highest heap occupancy seen since the reset (before a collection, or now). */
  long peak() {
    return Math.max(peakBytes.get(), used());
  }

  /** The heap in use now, garbage included. */
  static long used() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** The live heap: in use after full collections (System.gc until it settles). */
  static long live() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      long now = used();
      if (Math.abs(last - now) < (1 << 20)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  /** The maximum heap the JVM may use ({@code -Xmx}). */
  static long max() {
    return MEMORY.getHeapMemoryUsage().getMax();
  }

  @Override
  public void close() {
    detach.forEach(Runnable::run);
  }
}
