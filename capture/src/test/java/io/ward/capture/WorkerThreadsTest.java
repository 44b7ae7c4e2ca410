package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

  @Test
  void shouldWaitForEveryWorker() throws IOException {
    WorkerThreads threads = new WorkerThreads(3);
    AtomicInteger done = new AtomicInteger();
    threads.start(1, done::incrementAndGet);
    threads.start(2, done::incrementAndGet);
    threads.join();
    assertThat(done).hasValue(2);
  }

  @Test
  void shouldRethrowAWorkersFailureOnTheCallingThread() {
    WorkerThreads threads = new WorkerThreads(2);
    threads.start(
        1,
        () -> {
          throw new UncheckedIOException(new IOException("disk gone"));
        });
    assertThatThrownBy(threads::join)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("disk gone");
  }

  @Test
  void shouldRethrowTheFirstFailure() throws Exception {
    WorkerThreads threads = new WorkerThreads(3);
    CountDownLatch firstFailing = new CountDownLatch(1);
    CountDownLatch secondFailing = new CountDownLatch(1);
    threads.start(
        1,
        () -> {
          firstFailing.countDown();
          throw new IllegalStateException("first");
        });
    threads.start(
        2,
        () -> {
          try {
            firstFailing.await();
            Thread.sleep(100); // worker 1 has ended by now
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          secondFailing.countDown();
          throw new IllegalStateException("second");
        });
    secondFailing.await();
    Thread.sleep(100);
    assertThatThrownBy(threads::join).hasMessage("first");
  }

  @Test
  void shouldStopWorkersWhenAsked() throws Exception {
    WorkerThreads threads = new WorkerThreads(2);
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    threads.start(
        1,
        () -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
          }
        });
    started.await();
    threads.interrupt();
    threads.join();
    assertThat(interrupted).hasValue(1);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void shouldWaitForEachThreadEvenWhenTheCallerIsInterruptedMeanwhile() throws Exception {
    // Threads slow to stop (busy in a dissector that does not look at interrupts), and a caller
    // interrupted again while it waits for them after a failure.
    AtomicBoolean release = new AtomicBoolean();
    Thread[] slow = new Thread[2];
    for (int i = 0; i < slow.length; i++) {
      slow[i] =
          new Thread(
              () -> {
                long until = System.nanoTime() + 400_000_000L;
                while (System.nanoTime() < until && !release.get()) {
                  Thread.onSpinWait();
                }
              });
      slow[i].start();
    }
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              for (int i = 0; i < 5; i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(30_000_000L);
                caller.interrupt();
              }
            });
    interrupter.start();
    try {
      WorkerThreads.joinEach(10_000, slow);

      assertThat(slow).as("threads still running").noneMatch(Thread::isAlive);
      assertThat(Thread.interrupted()).as("the caller's interrupt, kept").isTrue();
    } finally {
      release.set(true);
      while (interrupter.isAlive()) {
        try {
          interrupter.join();
        } catch (InterruptedException e) {
          // its own interrupts of this thread
        }
      }
      Thread.interrupted();
    }
  }

  @Test
  void shouldGiveUpOnAThreadAfterItsTime() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Thread stuck =
        new Thread(
            () -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                // ends
              }
            });
    stuck.start();
    long start = System.nanoTime();
    WorkerThreads.joinEach(200, stuck, null);
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(stuck.isAlive()).isTrue();
    assertThat(waitedMillis).isBetween(150L, 5_000L);
    stuck.interrupt();
    stuck.join();
  }
}
