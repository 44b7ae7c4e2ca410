package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward users create}, {@code ward tokens create}, {@code ward audit verify} on a data dir.
 */
class AdminCommandsTest {
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
  void shouldCreateAUserAndATokenAndVerifyTheAuditLogOfTheSameDataDirectory() throws Exception {
    String dir = data.toString();
    Run user =
        run(
            "a long enough password\n",
            "users",
            "create",
            "--role",
            "security-analyst",
            "--data-dir",
            dir,
            "ana");
    assertThat(user.code()).as(user.err()).isZero();
    assertThat(user.out()).contains("created user ana (security-analyst)");

    Run token = run("", "tokens", "create", "--data-dir", dir, "ana");
    assertThat(token.code()).as(token.err()).isZero();
    String secret = token.out().strip();
    assertThat(secret).startsWith("ward_").hasSizeGreaterThan(40);

    Run verify = run("", "audit", "verify", "--data-dir", dir);
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("audit log intact: 2 entries");

    // Tamper with the embedded database behind Ward's back: the chain shows it.
    String url =
        "jdbc:h2:file:"
            + data.resolve("db").resolve("ward")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("DROP TRIGGER audit_log_no_update");
      c.createStatement().execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1");
    }
    Run broken = run("", "audit", "verify", "--data-dir", dir);
    assertThat(broken.code()).isEqualTo(ExitCodes.WARNINGS);
    assertThat(broken.out()).contains("audit log broken at entry 1");
  }

  @Test
  void shouldSetAForgottenPasswordFromTheCommandLine() throws Exception {
    String dir = data.toString();
    assertThat(
            run(
                    "the first password\n",
                    "users",
                    "create",
                    "--role",
                    "admin",
                    "--data-dir",
                    dir,
                    "amy")
                .code())
        .isZero();
    Run weak = run("short\n", "users", "password", "--data-dir", dir, "amy");
    assertThat(weak.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(weak.err().strip()).isEqualTo("ward: a password needs at least 12 characters");
    Run nobody = run("a long enough password\n", "users", "password", "--data-dir", dir, "zed");
    assertThat(nobody.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(nobody.err().strip()).isEqualTo("ward: no user zed");

    Run set = run("the second password\n", "users", "password", "--data-dir", dir, "amy");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).contains("password of amy set");
    try (io.ward.server.RunningServer server =
        io.ward.server.WardServer.start(
            io.ward.server.ServerSettings.fromEnvironment().withPort(0).withDataDir(data))) {
      io.ward.server.security.UserService users =
          server.context().getBean(io.ward.server.security.UserService.class);
      io.ward.server.audit.Actor cli = io.ward.server.audit.Actor.cli();
      assertThat(users.confirmsPassword("amy", "the second password", cli)).isTrue();
      assertThat(users.confirmsPassword("amy", "the first password", cli)).isFalse();
    }
  }

  @Test
  void shouldRefuseAWeakPasswordAndAnUnknownRoleInOneLine() {
    String dir = data.toString();
    Run weak = run("short\n", "users", "create", "--role", "admin", "--data-dir", dir, "bob");
    assertThat(weak.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(weak.err().strip()).isEqualTo("ward: a password needs at least 12 characters");
    Run role =
        run(
            "a long enough password\n",
            "users",
            "create",
            "--role",
            "root",
            "--data-dir",
            dir,
            "bob");
    assertThat(role.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(role.err()).contains("unknown role root");
    Run noUser = run("", "tokens", "create", "--data-dir", dir, "nobody");
    assertThat(noUser.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noUser.err().strip()).isEqualTo("ward: no user nobody");
  }

  @Test
  void shouldSayInOneLineWhenTheDatabaseIsUnreachable() {
    Run r = run("", "audit", "verify", "--db-url", "jdbc:postgresql://127.0.0.1:1/none");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err().strip())
        .startsWith("ward: database unreachable (jdbc:postgresql://127.0.0.1:1/none)");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }
}
