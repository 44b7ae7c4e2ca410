package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerNamesTest {

  @Test
  void shouldReplaceTheTrailingNumberKeepingItsWidth() {
    assertThat(ServerNames.renumber("PLUMA-0003", 42)).isEqualTo("PLUMA-0042");
    assertThat(ServerNames.renumber("PLUMA-0003", 123456)).isEqualTo("PLUMA-123456");
  }

  @Test
  void shouldReplaceAHexSerialTailInItsCase() {
    assertThat(ServerNames.renumber("VVX4FC07C", 255)).isEqualTo("VVX0000FF");
    assertThat(ServerNames.renumber("sep00a1b2", 255)).isEqualTo("sep0000ff");
  }

  @Test
  void shouldRenumberOnlyTheFirstLabel() {
    assertThat(ServerNames.renumber("ws-icu-12.hospital.local", 7))
        .isEqualTo("ws-icu-07.hospital.local");
  }

  @Test
  void shouldAppendTheNumberToANameWithoutOne() {
    assertThat(ServerNames.renumber("pacs", 9)).isEqualTo("pacs-9");
    assertThat(ServerNames.renumber("", 9)).isEmpty();
  }
}
