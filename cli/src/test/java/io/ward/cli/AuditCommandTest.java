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
        .contains("so entry 1 cannot be authenticated");
    assertThat(key).as("verify must not make a new key in place of the lost one").doesNotExist();

    Files.move(data.resolve("audit.key.elsewhere"), key);
    assertThat(run("", "audit", "verify", "--data-dir", dir).code()).isZero();
  }

  @Test
  void shouldReplaceALostKeyOnlyWhenToldItIsLostAndThenAppendAndVerifyAgain() throws Exception {
    String dir = data.toString();
    String password = "a long enough password\n";
    assertThat(
            run(password, "users", "create", "--role", "auditor", "--data-dir", dir, "first")
                .code())
        .isZero();
    Path key = data.resolve("audit.key");
    Files.delete(key);

    Run blocked =
        run(password, "users", "create", "--role", "auditor", "--data-dir", dir, "second");
    assertThat(blocked.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(blocked.err())
        .startsWith("ward: the audit key is missing from " + key)
        .contains("ward audit new-key --key-lost")
        .doesNotContain("internal error")
        .doesNotContain("\tat ");

    Run refused = run("", "audit", "new-key", "--data-dir", dir);
    assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.err())
        .startsWith("ward: the audit key file " + key)
        .contains("lacks the key of entry 1 (from user.create by cli:")
        .contains("run again with --key-lost=1: their content can then");
    assertThat(key).doesNotExist();

    Run replaced =
        run("", "audit", "new-key", "--key-lost=1", "--reason", "disk lost", "--data-dir", dir);
    assertThat(replaced.code()).as(replaced.err()).isZero();
    assertThat(replaced.out())
        .contains("new audit key in " + key + " for entries from 2 on (entry 2 records it)")
        .contains("declared lost: entry 1");
    assertThat(Files.readString(key)).contains("lost-from-seq=1").contains("from-seq=2");

    assertThat(
            run(password, "users", "create", "--role", "auditor", "--data-dir", dir, "second")
                .code())
        .isZero();
    Run verified = run("", "audit", "verify", "--data-dir", dir);
    assertThat(verified.code()).as(verified.err()).isZero();
    assertThat(verified.out().strip())
        .startsWith("audit log intact: 3 entries, 2 keyed; entry 1 (written under a key declared")
        .contains("content not authenticated");

    Run again = run("", "audit", "new-key", "--key-lost=1", "--data-dir", dir);
    assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(again.err()).contains("no audit key is missing");
    Run rotated = run("", "audit", "new-key", "--data-dir", dir);
    assertThat(rotated.code()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("for entries from 4 on").doesNotContain("declared lost");
    assertThat(run("", "audit", "verify", "--data-dir", dir).code()).isZero();
  }
}
