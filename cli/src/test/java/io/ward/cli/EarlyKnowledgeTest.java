package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bundled knowledge starts loading before picocli only for an analysis that will use it. */
class EarlyKnowledgeTest {

  @AfterEach
  void takeWhateverWasStarted() {
    EarlyKnowledge.take();
  }

  @Test
  void startsForAnAnalysisWithTheBundledKnowledgeAndIsTakenOnce() {
    EarlyKnowledge.startFor(new String[] {"analyze", "--json", "-", "a.pcap"});
    assertThat(EarlyKnowledge.take()).isPresent();
    assertThat(EarlyKnowledge.take()).isEmpty();
  }

  @Test
  void doesNotStartWhenTheUserNamesAKnowledgeDirectory() {
    EarlyKnowledge.startFor(new String[] {"analyze", "--knowledge", "kb", "a.pcap"});
    assertThat(EarlyKnowledge.take()).isEmpty();
    EarlyKnowledge.startFor(new String[] {"analyze", "--knowledge=kb", "a.pcap"});
    assertThat(EarlyKnowledge.take()).isEmpty();
  }

  @Test
  void readsNoOptionAfterTheEndOfOptions() {
    EarlyKnowledge.startFor(new String[] {"analyze", "--", "--knowledge"});
    assertThat(EarlyKnowledge.take()).isPresent();
  }

  @Test
  void doesNotStartForOtherCommands() {
    EarlyKnowledge.startFor(new String[] {"simulate", "--devices", "3"});
    assertThat(EarlyKnowledge.take()).isEmpty();
    EarlyKnowledge.startFor(new String[] {});
    assertThat(EarlyKnowledge.take()).isEmpty();
  }
}
