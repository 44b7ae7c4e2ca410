package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ward audit verify} with the data directory's audit key, and without it. */
class AuditCommandTest {
  @TempDir Path data;

  record Run(int code, String out, String err) {}

  Run run(String stdin, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = WardCommand.execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void shouldVerifyWithTheKeyAndFailClearlyWhenTheKeyFileIsMissing() throws Exception {
    String dir = data.toString();
    Run user =
        run(
            "a long enough password\n",
            "users",
            "create",
            "--role",
            "auditor",
            "--data-dir",
            dir,
            "aud");
    assertThat(user.code()).as(user.err()).isZero();
    Path key = data.resolve("audit.key");
    assertThat(key).isRegularFile();

    Run ok = run("", "audit", "verify", "--data-dir", dir);
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out().strip()).isEqualTo("audit log intact: 1 entries, 1 keyed");

    Files.move(key, data.resolve("audit.key.elsewhere"));
    Run missing = run("", "audit", "verify", "--data-dir", dir);
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .contains("ward: audit log cannot be authenticated: the audit key " + key + " is missing")
        .contains("entries from 1 on cannot be authenticated");
    assertThat(key).as("verify must not make a new key in place of the lost one").doesNotExist();

    Files.move(data.resolve("audit.key.elsewhere"), key);
    assertThat(run("", "audit", "verify", "--data-dir", dir).code()).isZero();
  }
}
