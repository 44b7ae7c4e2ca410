package io.ward.server;

import static io.ward.server.FullDiskChanges.createToken;
import static io.ward.server.FullDiskChanges.firstRefused;
import static io.ward.server.FullDiskChanges.tokenNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.api.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A change the embedded database (H2) cannot write because the disk is full is answered 507 with a
 * message saying so, through the API and in the console, not 500; nothing of it is stored, and the
 * server takes changes again once there is space, without a restart. The disk is full for real: the
 * server runs in a process of its own ({@link FullDiskServer}) whose data directory is a 64 MiB
 * tmpfs, mounted in a user and mount namespace of that process only ({@code unshare -Urm}: no root
 * needed, nothing mounted for anyone else), and filled with a file until the kernel refuses more
 * (ENOSPC). Where such namespaces cannot be made (some containers forbid them) the test is skipped.
 *
 * <p>H2 writes commits to its file from a thread of its own, up to half a second after they were
 * answered, unless told to write them at once: the server does so after every audited change, that
 * is after every change, so a change it answered is on the disk, and none answered before the
 * refused one is lost.
 */
@EnabledOnOs(OS.LINUX)
class DatabaseDiskFullTest {
  @TempDir Path tmp;

  private Process server;
  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(1000);
  private Writer commands;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void shouldAnswer507ToAChangeTheFullDiskCannotTakeAndGoOnOnceThereIsSpace() throws Exception {
    assumeThat(namespaces())
        .as("a user and mount namespace of its own (unshare -Urm) to mount a small tmpfs")
        .isTrue();
    Path data = Files.createDirectories(tmp.resolve("data"));
    start(data);
    String url = line("url ");
    Http admin = Http.bearer(url, line("token "));
    // Signed in while there is space: a sign-in is a change too (it is audited).
    Http console = Http.session(url);
    console.signIn("admin", FullDiskServer.PASSWORD);
    String csrf = console.csrf();
    assertThat(createToken(admin, "before").statusCode()).isEqualTo(201);

    assertThat(command("fill", "filled ")).isNotEmpty();
    FullDiskChanges.Refusal api = firstRefused(n -> createToken(admin, "full-" + n), 201);
    HttpResponse<String> refused = api.answer();
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
    assertThat(refused.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    JsonNode problem = Http.json(refused.body());
    assertThat(problem.get("title").asString()).isEqualTo("Insufficient storage");
    assertThat(problem.get("detail").asString()).isEqualTo(DiskFull.DATABASE);

    FullDiskChanges.Refusal form =
        firstRefused(
            n -> console.form("/tokens", Map.of("name", "console-" + n, "_csrf", csrf)), 302);
    HttpResponse<String> page = form.answer();
    assertThat(page.statusCode()).isEqualTo(507);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(page.body())
        .contains("Insufficient storage")
        .contains("the database could not store this change, and nothing of it was stored");

    command("free", "freed");
    assertThat(createToken(admin, "after").statusCode()).isEqualTo(201);
    List<String> stored = tokenNames(admin);
    assertThat(stored).contains("after").doesNotContain("full-" + api.n(), "console-" + form.n());
    // Every change answered as taken, up to the refused one, is still there.
    for (int n = 0; n < api.n(); n++) {
      assertThat(stored).as("answered 201 before the refusal").contains("full-" + n);
    }
    for (int n = 0; n < form.n(); n++) {
      assertThat(stored).as("answered 302 before the refusal").contains("console-" + n);
    }
  }

  /** True when this process may make a user and mount namespace and mount a tmpfs in it. */
  private static boolean namespaces() throws Exception {
    try {
      Process p =
          new ProcessBuilder("unshare", "-Urm", "sh", "-c", "mount -t tmpfs none /tmp")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException noUnshare) {
      return false;
    }
  }

  /** Starts {@link FullDiskServer} on a 64 MiB tmpfs mounted over {@code data} in its namespace. */
  private void start(Path data) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "-Urm",
                "sh",
                "-c",
                "mount -t tmpfs -o size=64m,mode=0700 ward-full \"$0\" && exec \"$@\"",
                data.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                FullDiskServer.class.getName(),
                data.toString()));
    ProcessBuilder b = new ProcessBuilder(command);
    b.environment().keySet().removeIf(k -> k.startsWith("WARD_"));
    b.redirectError(tmp.resolve("server-err.txt").toFile());
    server = b.start();
    commands = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  out.offer(l);
                }
              } catch (IOException ended) {
                // the server stopped
              }
            },
            "full-disk-server-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** What follows {@code prefix} on the server's next line that starts with it. */
  private String line(String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String l = out.poll(1, TimeUnit.SECONDS);
      if (l != null && l.startsWith(prefix)) {
        return l.substring(prefix.length());
      }
      if (l == null && !server.isAlive()) {
        break;
      }
    }
    throw new AssertionError(
        "the server did not say '"
            + prefix
            + "'; its errors: "
            + Files.readString(tmp.resolve("server-err.txt")));
  }

  /** Sends a command to the server and returns its answer. */
  private String command(String command, String answer) throws Exception {
    commands.write(command + "\n");
    commands.flush();
    return line(answer);
  }
}
