package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
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
}
