package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that reaches the analyzer before its knowledge base has loaded waits and is then fed in:
 * the inventory is the same as with the knowledge base loaded up front.
 */
class KnowledgeInBackgroundTest {
  @TempDir Path emptyUserDir;

  static Path data() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null ? Path.of(env) : Path.of("../../shared/data");
  }

  static List<CaptureSource> captures() {
    Path pcaps = data().resolve("pcaps");
    return Stream.of("ndpi/hl7.pcap", "zeek/dhcp_dhcp.pcap", "ndpi/snmp.pcap", "ndpi/telnet.pcap")
        .map(p -> CaptureSource.ofPath(pcaps.resolve(p)))
        .toList();
  }

  @Test
  void shouldGiveTheSameInventoryWhenTheKnowledgeArrivesLate() throws Exception {
    // Loaded up front: a (here empty) user directory makes the analyzer load eagerly.
    AnalysisResult eager =
        new Analyzer(
                AnalysisOptions.defaults()
                    .withKnowledgeDir(java.util.Optional.of(Files.createDirectories(emptyUserDir))))
            .analyze(captures(), ProgressListener.NONE);

    // Late: the knowledge base arrives only when the sink, its waiting list full after a few
    // items, asks for it; everything held until then must still reach the inventory.
    KnowledgeBase kb = KnowledgeBase.loadDefault();
    AtomicReference<Boolean> askedBeforeReady = new AtomicReference<>(false);
    CompletableFuture<KnowledgeBase> late = new CompletableFuture<>();
    KnowledgeInBackground knowledge =
        new KnowledgeInBackground(late) {
          @Override
          KnowledgeBase get() throws io.ward.inventory.KnowledgeBaseException {
            if (!late.isDone()) {
              askedBeforeReady.set(true);
              late.complete(kb);
            }
            return super.get();
          }
        };
    AnalysisResult lateResult =
        new Analyzer(AnalysisOptions.defaults(), knowledge, 5)
            .analyze(captures(), ProgressListener.NONE);

    assertThat(askedBeforeReady.get()).isTrue();
    assertThat(lateResult.observations()).isEqualTo(eager.observations()).isPositive();
    List<Device> devices = lateResult.devices();
    assertThat(devices).isNotEmpty().isEqualTo(eager.devices());
    assertThat(lateResult.flows()).isEqualTo(eager.flows());
  }

  @Test
  // A wrong choice waits, uninterruptibly, for the bundled load that never finishes.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldUseTheBundledLoadItIsGivenUnlessTheUserNamesADirectory() throws Exception {
    List<CaptureSource> one = captures().subList(0, 1);
    AnalysisResult reference = new Analyzer(AnalysisOptions.defaults()).analyze(one, NONE);

    CompletableFuture<KnowledgeBase> given = new CompletableFuture<>();
    given.complete(KnowledgeBase.loadDefault());
    AnalysisResult withGiven =
        new Analyzer(AnalysisOptions.defaults(), new KnowledgeInBackground(given))
            .analyze(one, NONE);
    assertThat(withGiven.devices()).isNotEmpty().isEqualTo(reference.devices());

    // A user directory wins: a bundled load that never finishes is not waited for.
    KnowledgeInBackground never = new KnowledgeInBackground(new CompletableFuture<>());
    AnalysisResult withDir =
        new Analyzer(
                AnalysisOptions.defaults()
                    .withKnowledgeDir(java.util.Optional.of(Files.createDirectories(emptyUserDir))),
                never)
            .analyze(one, NONE);
    assertThat(withDir.devices()).isEqualTo(reference.devices());
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldWaitForTheKnowledgeThroughAnInterruptAndKeepTheInterrupt() throws Exception {
    KnowledgeBase kb = KnowledgeBase.loadDefault();
    CompletableFuture<KnowledgeBase> loading = new CompletableFuture<>();
    KnowledgeInBackground knowledge = new KnowledgeInBackground(loading);
    Thread waiter = Thread.currentThread();
    AtomicBoolean returned = new AtomicBoolean();
    Thread loader =
        new Thread(
            () -> {
              // The knowledge arrives only once the interrupted waiter waits for it anyway.
              while (waiter.getState() != Thread.State.WAITING && !returned.get()) {
                Thread.onSpinWait();
              }
              loading.complete(kb);
            });
    loader.start();
    waiter.interrupt(); // pending before the wait begins
    try {
      KnowledgeBase got;
      try {
        got = knowledge.get();
      } finally {
        returned.set(true);
      }
      assertThat(got).isSameAs(kb);
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      loader.join();
      Thread.interrupted();
    }
  }

  @Test
  void shouldRethrowTheLoadersOwnFailure() {
    for (Throwable failure :
        List.of(
            new io.ward.inventory.KnowledgeBaseException("oui.csv: line 3: not a MA-L prefix"),
            new IllegalStateException("a broken build"),
            new OutOfMemoryError("Java heap space"))) {
      CompletableFuture<KnowledgeBase> loading = new CompletableFuture<>();
      loading.completeExceptionally(failure);
      assertThatThrownBy(() -> new KnowledgeInBackground(loading).get()).isSameAs(failure);
    }
  }

  private static final ProgressListener NONE = ProgressListener.NONE;
}
