package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one line a missing file or directory stops a command with. */
class ExitCodesTest {

  @TempDir Path tmp;

  @Test
  void shouldNameAMissingDirectoryOnceWithItsReason() {
    Path missing = tmp.resolve("no-such-dir");
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = WardCommand.execute("feeds", "import", "--store", tmp.toString(), missing.toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    // Not "…: not a directory: no such file".
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("ward: " + missing + ": not a directory" + System.lineSeparator());
  }

  @Test
  void shouldSayNoSuchFileWhenNoReasonWasGiven() {
    assertThat(ExitCodes.describe(new java.nio.file.NoSuchFileException("x.pcap")))
        .isEqualTo("x.pcap: no such file");
  }
}
