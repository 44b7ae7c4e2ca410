package io.ward.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server under test as a child process ({@link ServerProcess}): started, waited for until it
 * answers, and stopped by closing its standard input. Its output goes to a log file.
 */
final class ServerChild implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 300;

  private final Process process;
  private final String url;
  private final List<String> tokens;

  private ServerChild(Process process, String url, List<String> tokens) {
    this.process = process;
    this.url = url;
    this.tokens = List.copyOf(tokens);
  }

  /**
   * Starts the server on {@code db} with {@code clients} API tokens; returns once it answers.
   *
   * @param command the java command and class path, up to (not including) the main class
   */
  static ServerChild start(List<String> command, ServerDatabase db, Path work, int clients)
      throws IOException, InterruptedException, BenchmarkException {
    Files.createDirectories(work.resolve("logs"));
    Path tokenFile = work.resolve("tokens.txt");
    Path log = work.resolve("logs").resolve("server.log");
    List<String> cmd = new ArrayList<>(command);
    cmd.add(ServerProcess.class.getName());
    cmd.addAll(
        List.of(
            db.url(),
            db.user(),
            work.resolve("server-data").toString(),
            Integer.toString(clients),
            tokenFile.toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(Redirect.PIPE).start();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> copyOutput(p, log, ready), "server-output");
    reader.setDaemon(true);
    reader.start();
    String url;
    try {
      url = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      p.destroy();
      throw new BenchmarkException("the server did not start; its output is in " + log);
    }
    List<String> tokens = Files.readAllLines(tokenFile, StandardCharsets.UTF_8);
    Files.delete(tokenFile);
    return new ServerChild(p, url, tokens);
  }

  /** Copies the child's output to the log and completes {@code ready} with its URL. */
  private static void copyOutput(Process p, Path log, CompletableFuture<String> ready) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(ServerProcess.READY + " ")) {
          ready.complete(line.substring(ServerProcess.READY.length() + 1).strip());
        } else if (!line.contains("setup?token=")) {
          out.println(line);
          out.flush();
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IOException("the server exited"));
  }

  /** The server's base URL. */
  String url() {
    return url;
  }

  /** The server JVM's process id. */
  long pid() {
    return process.pid();
  }

  /** The API tokens, one per load client. */
  List<String> tokens() {
    return tokens;
  }

  /** Stops the server: closes its input, then waits for it to exit. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
