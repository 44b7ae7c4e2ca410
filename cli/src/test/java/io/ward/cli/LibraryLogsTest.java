package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward analyze} leaves library logging off (HAPI is its only logger), and says nothing about
 * it; a provider the user names is still used. Each run is a JVM of its own, started through {@link
 * WardCommand#main}, on a real HL7 capture, so HAPI parses messages; {@code logback.debug} makes
 * logback print its status when it starts, which shows whether it did.
 */
class LibraryLogsTest {

  private static final Path HL7_CAPTURE =
      Path.of(
          System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"),
          "pcaps",
          "ndpi",
          "hl7.pcap");

  /** What logback prints about itself, on standard output, when it starts with debug on. */
  private static final String LOGBACK_STATUS = "|-INFO in ch.qos.logback.classic";

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run analyze(String... javaOptions) throws Exception {
    List<String> options = new ArrayList<>(List.of("-Dlogback.debug=true"));
    options.addAll(List.of(javaOptions));
    List<String> command =
        ChildWard.command(
            options,
            "analyze",
            "--no-progress",
            "--json",
            tmp.resolve("out.json").toString(),
            HL7_CAPTURE.toString());
    // Standard error to a file, so that neither stream can fill its pipe while the other is read.
    Path errFile = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8);
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void shouldAnalyseWithoutStartingLogbackOrSayingSo() throws Exception {
    Run run = analyze();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("Cleartext clinical").doesNotContain("logback");
    assertThat(run.err()).doesNotContain("SLF4J").doesNotContain("logback");
  }

  @Test
  void shouldKeepAProviderTheUserNames() throws Exception {
    Run run = analyze("-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(LOGBACK_STATUS);
  }
}
