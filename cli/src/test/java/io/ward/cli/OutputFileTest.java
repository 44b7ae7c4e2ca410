package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files are written whole or not at all, and a pipe or device is written, not replaced. */
class OutputFileTest {

  @TempDir Path tmp;

  @Test
  void shouldKeepTheLastFileAndLeaveNothingElseWhenWritingFailsHalfway() throws IOException {
    Path file = Files.writeString(tmp.resolve("inventory.json"), "the last good one");
    assertThatThrownBy(
            () ->
                OutputFile.write(
                    file,
                    out -> {
                      out.write("half of the new o".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("No space left on device");
                    }))
        .hasMessage("No space left on device");
    assertThat(file).hasContent("the last good one");
    assertThat(tmp.toFile().list()).containsExactly("inventory.json");
  }

  @Test
  void shouldReplaceTheFileOnlyWhenComplete() throws IOException {
    Path file = Files.writeString(tmp.resolve("inventory.json"), "old");
    OutputFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertThat(file).hasContent("new");
    assertThat(tmp.toFile().list()).containsExactly("inventory.json");
  }

  @Test
  void shouldWriteAPipeInPlaceNeverReplaceIt() throws Exception {
    // As /dev/stdout or /dev/null: moving a file over one would replace it for every program.
    Path fifo = tmp.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
    CompletableFuture<byte[]> read = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                read.complete(Files.readAllBytes(fifo));
              } catch (IOException e) {
                read.completeExceptionally(new UncheckedIOException(e));
              }
            });
    reader.setDaemon(true); // a regression would leave it waiting for a writer
    reader.start();
    OutputFile.write(fifo, out -> out.write("through".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(read.get(10, TimeUnit.SECONDS))
        .isEqualTo("through".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseADirectoryAndAFileInAMissingDirectoryNamingTheOption() {
    assertThatThrownBy(() -> OutputFile.check("--json", tmp.toString()))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--json " + tmp + ": is a directory");
    Path missing = tmp.resolve("no/such.json");
    assertThatThrownBy(() -> OutputFile.check("--json", missing.toString()))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--json " + missing + ": no such directory " + missing.getParent());
  }
}
