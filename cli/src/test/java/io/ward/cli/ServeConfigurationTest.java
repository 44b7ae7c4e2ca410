package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward serve} and {@code ward demo} name a bad {@code --port} or {@code WARD_*} variable and
 * what it expects ({@code WARD_PORT=abc} said only {@code For input string: "abc"}). Variables are
 * read by a JVM of its own, started with them in its environment.
 */
class ServeConfigurationTest {

  @TempDir Path tmp;

  record Run(int code, String err) {}

  /** Runs {@code ward ARGS} in a JVM whose environment has {@code env} and no other WARD_*. */
  private Run child(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder b = new ProcessBuilder(ChildWard.command(List.of(), args));
    b.environment().keySet().removeIf(k -> k.startsWith("WARD_"));
    b.environment().putAll(env);
    Path err = tmp.resolve("err.txt");
    b.redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt").toFile());
    Process p = b.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void shouldNameAVariableThatIsNoPortNumberAndWhatItExpects() throws Exception {
    String expected =
        "ward: bad configuration: WARD_PORT must be a TCP port number from 0 to 65535, not 'abc'";
    Run serve =
        child(Map.of("WARD_PORT", "abc"), "serve", "--data-dir", tmp.resolve("data").toString());
    assertThat(serve.code()).as(serve.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(serve.err().strip()).isEqualTo(expected);

    // The demo says so before it simulates anything or touches its directory.
    Path demoDir = tmp.resolve("demo");
    Run demo =
        child(
            Map.of("WARD_PORT", "abc"),
            "demo",
            "--devices",
            "20",
            "--minutes",
            "1",
            "--dir",
            demoDir.toString());
    assertThat(demo.code()).as(demo.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(demo.err().strip()).isEqualTo(expected);
    assertThat(demoDir).doesNotExist();
  }

  /** The administration commands read the same variables: a bad one is no internal error. */
  @Test
  void shouldNameABadVariableInOneLineForTheAdministrationCommandsToo() throws Exception {
    Run audit =
        child(
            Map.of("WARD_PORT", "abc"),
            "audit",
            "verify",
            "--data-dir",
            tmp.resolve("data").toString());
    assertThat(audit.code()).as(audit.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(audit.err().strip())
        .isEqualTo(
            "ward: bad configuration: WARD_PORT must be a TCP port number from 0 to 65535, not"
                + " 'abc'");
  }

  /**
   * An option given replaces its variable, which is then not read: {@code WARD_PORT=abc ward serve
   * --port N} stopped at the variable it was told to ignore.
   */
  @Test
  void shouldServeOnThePortOptionGivenWhateverWardPortHolds() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder b =
        new ProcessBuilder(
            ChildWard.command(
                List.of(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                tmp.resolve("data").toString()));
    b.environment().keySet().removeIf(k -> k.startsWith("WARD_"));
    b.environment().put("WARD_PORT", "abc");
    Path err = tmp.resolve("serve-err.txt");
    b.redirectError(err.toFile()).redirectOutput(tmp.resolve("serve-out.txt").toFile());
    Process p = b.start();
    String serving = "ward: serving on http://127.0.0.1:" + port + " ";
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (p.isAlive()
          && !Files.readString(err).contains(serving)
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(Files.readString(err)).contains(serving).doesNotContain("WARD_PORT");
      java.net.http.HttpResponse<Void> page =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + "/login"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(page.statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /**
   * The same for the certificate options and the demo's port: a variable an option replaces does
   * not stop the command, which goes on to what it was told (here, to a failure of its own).
   */
  @Test
  void shouldNotReadTheVariablesThatTheOptionsGivenReplace() throws Exception {
    Path keystore = tmp.resolve("missing.p12");
    Run serve =
        child(
            Map.of("WARD_TLS_CERTIFICATE", tmp.resolve("cert.pem").toString()),
            "serve",
            "--port",
            "0",
            "--tls-keystore",
            keystore.toString(),
            "--data-dir",
            tmp.resolve("data").toString());
    assertThat(serve.code()).as(serve.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(serve.err()).contains(keystore.toString()).doesNotContain("WARD_TLS");

    // The demo reads its port from WARD_PORT only without --port; it stops at its directory here.
    Path taken = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(taken.resolve("notes.txt"), "not the demo's");
    Run demo =
        child(
            Map.of("WARD_PORT", "abc"),
            "demo",
            "--devices",
            "20",
            "--minutes",
            "1",
            "--port",
            "0",
            "--dir",
            taken.toString());
    assertThat(demo.code()).as(demo.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(demo.err()).contains("not a Ward demo directory").doesNotContain("WARD_PORT");
  }

  @Test
  void shouldNameASettingSpringCannotBindByItsVariable() throws Exception {
    Run serve =
        child(
            Map.of("WARD_DB_POOLSIZE", "many"),
            "serve",
            "--port",
            "0",
            "--data-dir",
            tmp.resolve("data").toString());
    assertThat(serve.code()).as(serve.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(serve.err())
        .contains(
            "ward: bad configuration: ward.db.pool-size (WARD_DB_POOLSIZE) must be a whole"
                + " number, not 'many'")
        .doesNotContain("server.tomcat");
  }

  @Test
  void shouldRefuseAPortOptionOutOfRangeAsAUsageErrorNamingIt() {
    for (String command : new String[] {"serve", "demo"}) {
      Path dir = tmp.resolve(command);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream saved = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code;
      try {
        code =
            command.equals("serve")
                ? WardCommand.execute("serve", "--port", "70000", "--data-dir", dir.toString())
                : WardCommand.execute("demo", "--port", "70000", "--dir", dir.toString());
      } finally {
        System.setErr(saved);
      }
      assertThat(code).as(command).isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .as(command)
          .contains("--port must be a TCP port number from 0 to 65535, not '70000'");
      assertThat(dir).as(command).doesNotExist();
    }
  }
}
