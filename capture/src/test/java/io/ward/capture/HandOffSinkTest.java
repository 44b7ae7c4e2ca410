package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A sink fed on a thread of its own, behind the analysing thread. */
class HandOffSinkTest {

  /** Every call a sink got, as text, and the threads it got them on. */
  private static class Recording implements ObservationSink {
    final List<String> calls = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void observation(Observation observation) {
      record("observation " + observation);
    }

    @Override
    public void observations(long epochNanos, Endpoint subject, Facts facts) {
      record("facts " + epochNanos + " " + subject + " " + facts);
    }

    @Override
    public void flow(Flow flow) {
      record("flow " + flow);
    }

    void record(String call) {
      calls.add(call);
      Thread t = Thread.currentThread();
      if (!threads.contains(t)) {
        threads.add(t);
      }
    }
  }

  private static final Endpoint A = Endpoint.ofIp(IpAddress.parse("10.0.0.1"), 0);
  private static final Endpoint B = Endpoint.ofIp(IpAddress.parse("10.0.0.2"), 20);

  /**
   * Call {@code i} of a mixed sequence, made on {@code sink} and recorded as the sink records it.
   */
  private static String call(int i, Random random, ObservationSink sink) {
    Endpoint subject = random.nextBoolean() ? A : B;
    long time = 1_000_000_000L * i + random.nextInt(1000);
    switch (random.nextInt(3)) {
      case 0 -> {
        Observation o = new Observation(time, subject, "dhcp.hostname", "host-" + i);
        sink.observation(o);
        return "observation " + o;
      }
      case 1 -> {
        Facts f = Facts.builder().add("hl7.sendingApplication", "APP" + i % 7).build();
        sink.observations(time, subject, f);
        return "facts " + time + " " + subject + " " + f;
      }
      default -> {
        Flow f =
            new Flow(
                A,
                40000 + i % 1000,
                B,
                2575,
                Transport.TCP,
                0,
                Optional.of("hl7"),
                false,
                i,
                10L * i,
                1,
                60,
                time,
                time + 5);
        sink.flow(f);
        return "flow " + f;
      }
    }
  }

  @Property(tries = 30)
  void shouldFeedTheSinkEveryCallInOrderFromOneOtherThread(
      @ForAll @IntRange(min = 0, max = 5 * HandOffSink.BATCH * HandOffSink.BATCHES) int calls,
      @ForAll long seed)
      throws InterruptedIOException {
    Recording recording = new Recording();
    HandOffSink handOff = new HandOffSink(recording, "test-sink");
    Random random = new Random(seed);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      made.add(call(i, random, handOff));
    }
    handOff.finish();

    assertThat(recording.calls).isEqualTo(made);
    assertThat(recording.threads).allMatch(t -> t.getName().equals("test-sink"));
    assertThat(handOff.stopped()).as("the feeding thread ended").isTrue();
  }

  @Test
  void shouldStartNoThreadUntilTheFirstBatchIsHandedOver() throws InterruptedIOException {
    // A caller that fails between making the hand-off and using it (setting up the analysis, say)
    // must not leave a feeding thread waiting for ever.
    HandOffSink unused = new HandOffSink(new Recording(), "test-sink-unused");
    assertThat(liveThreadsNamed("test-sink-unused")).isZero();
    unused.abort();
    assertThat(liveThreadsNamed("test-sink-unused")).isZero();

    Recording recording = new Recording();
    HandOffSink handOff = new HandOffSink(recording, "test-sink-lazy");
    call(0, new Random(1), handOff);
    assertThat(liveThreadsNamed("test-sink-lazy")).as("the batch is not full yet").isZero();
    handOff.finish();
    assertThat(recording.calls).hasSize(1);
    assertThat(recording.threads).allMatch(t -> t.getName().equals("test-sink-lazy"));
  }

  private static long liveThreadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive())
        .count();
  }

  @Test
  void shouldKeepEveryCallWhileTheSinkIsFarBehind() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Recording slow =
        new Recording() {
          @Override
          void record(String call) {
            awaitUninterruptibly(release);
            super.record(call);
          }
        };
    HandOffSink handOff = new HandOffSink(slow, "test-sink");
    int calls = 3 * HandOffSink.BATCH * HandOffSink.BATCHES;
    List<String> made = new ArrayList<>();
    Thread caller =
        new Thread(
            () -> {
              Random random = new Random(3);
              for (int i = 0; i < calls; i++) {
                made.add(call(i, random, handOff));
              }
            });
    caller.start();
    // The caller fills every batch and waits for room; an interrupt must not lose what it holds.
    awaitWaiting(caller);
    caller.interrupt();
    release.countDown();
    caller.join(10_000);
    assertThat(caller.isAlive()).isFalse();
    handOff.finish();

    assertThat(slow.calls).hasSize(calls).isEqualTo(made);
  }

  @Test
  void shouldKeepTheCallersInterruptAndSayItWasInterruptedWhenFinishing() throws Exception {
    Recording recording = new Recording();
    HandOffSink handOff = new HandOffSink(recording, "test-sink");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              Random random = new Random(5);
              Thread.currentThread().interrupt();
              for (int i = 0; i < 2 * HandOffSink.BATCH * HandOffSink.BATCHES; i++) {
                call(i, random, handOff);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
              try {
                handOff.finish();
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    caller.start();
    caller.join(10_000);

    assertThat(stillInterrupted.get()).as("interrupt kept through the hand-overs").isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
    awaitStopped(handOff);
  }

  @Test
  void shouldRethrowTheSinksFailureOnTheCallingThreadAndFeedItNothingMore() throws Exception {
    for (Throwable failure :
        List.of(new IllegalStateException("inventory bug"), new OutOfMemoryError("Java heap"))) {
      Recording breaking =
          new Recording() {
            boolean broken;

            @Override
            void record(String call) {
              if (calls.size() == 1500 && !broken) {
                broken = true; // once: a call fed after the failure would be recorded
                if (failure instanceof Error) {
                  throw (Error) failure;
                }
                throw (RuntimeException) failure;
              }
              super.record(call);
            }
          };
      HandOffSink handOff = new HandOffSink(breaking, "test-sink");
      Random random = new Random(9);
      Throwable seen = null;
      for (int i = 0; i < 20 * HandOffSink.BATCH && seen == null; i++) {
        call(i, random, handOff);
        try {
          handOff.checkFailure();
        } catch (RuntimeException | Error e) {
          seen = e;
        }
      }
      assertThat(seen).as("checked while calling").isSameAs(failure);
      assertThatThrownBy(handOff::finish).isSameAs(failure);
      assertThat(breaking.calls).as("nothing after the failure").hasSize(1500);
    }
  }

  @Test
  @Timeout(30)
  void shouldStopFeedingWhenAborted() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    Recording blocking =
        new Recording() {
          @Override
          void record(String call) {
            entered.countDown();
            try {
              new CountDownLatch(1).await(); // a sink waiting for something, until interrupted
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.record(call);
          }
        };
    HandOffSink handOff = new HandOffSink(blocking, "test-sink");
    Random random = new Random(11);
    for (int i = 0; i < 2 * HandOffSink.BATCH; i++) {
      call(i, random, handOff);
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    handOff.abort();

    assertThat(handOff.stopped()).isTrue();
    assertThat(blocking.calls)
        .as("the rest of the batch, not the next one")
        .hasSizeLessThan(HandOffSink.BATCH + 1);
  }

  @Test
  @Timeout(30)
  void shouldEndTheFeedingThreadWhenAbortedEvenIfTheSinkSwallowedTheInterrupt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    Recording swallowing =
        new Recording() {
          @Override
          void record(String call) {
            if (calls.isEmpty()) {
              entered.countDown();
              try {
                new CountDownLatch(1).await(); // until interrupted
              } catch (InterruptedException e) {
                // swallowed, the interrupt not restored
              }
            }
            super.record(call);
          }
        };
    HandOffSink handOff = new HandOffSink(swallowing, "test-sink");
    Random random = new Random(12);
    for (int i = 0; i < 2 * HandOffSink.BATCH; i++) {
      call(i, random, handOff);
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    handOff.abort();

    // Before, it fed the rest of its batch, skipped the next and waited for ever for another.
    awaitStopped(handOff);
    assertThat(swallowing.calls).hasSizeLessThanOrEqualTo(HandOffSink.BATCH);
  }

  private static void awaitWaiting(Thread t) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(t.getState()).as("caller waiting for room").isEqualTo(Thread.State.WAITING);
  }

  private static void awaitStopped(HandOffSink handOff) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!handOff.stopped() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(handOff.stopped()).as("feeding thread stopped").isTrue();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  // A separate thread: a regression waits uninterruptibly for a free batch.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldFeedEveryCallWhenTheSinkInterruptsItsOwnThread() throws Exception {
    // A sink that restores an interrupt it caught: not a request to stop, so nothing is dropped
    // (before, the feeding thread ended there, and the caller lost the rest or waited for ever).
    for (int calls : List.of(3 * HandOffSink.BATCH, 12 * HandOffSink.BATCH)) {
      Recording interrupting =
          new Recording() {
            @Override
            void record(String call) {
              if (calls.size() % 1000 == 0) {
                Thread.currentThread().interrupt();
              }
              super.record(call);
            }
          };
      HandOffSink handOff = new HandOffSink(interrupting, "test-sink");
      Random random = new Random(13);
      List<String> made = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        made.add(call(i, random, handOff));
      }
      handOff.finish();
      assertThat(interrupting.calls).as("%d calls", calls).isEqualTo(made);
    }
  }

  @Test
  // A separate thread: a regression waits uninterruptibly for a free batch.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldRethrowACheckedExceptionTheSinkThrewSneakily() throws Exception {
    Exception checked = new java.io.IOException("a checked exception past the interface");
    Recording sneaky =
        new Recording() {
          @Override
          void record(String call) {
            if (calls.size() == 10) {
              HandOffSinkTest.<RuntimeException>sneakyThrow(checked);
            }
            super.record(call);
          }
        };
    HandOffSink handOff = new HandOffSink(sneaky, "test-sink");
    Random random = new Random(17);
    // Far more than the batches in flight: a feeding thread that died would leave this waiting.
    for (int i = 0; i < 10 * HandOffSink.BATCH; i++) {
      call(i, random, handOff);
    }
    assertThatThrownBy(handOff::finish).isInstanceOf(IllegalStateException.class).hasCause(checked);
    assertThat(sneaky.calls).hasSize(10);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
