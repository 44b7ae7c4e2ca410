package io.ward.server;

import io.ward.server.audit.Actor;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Ward server in a process of its own for {@link DatabaseDiskFullTest}, whose data directory is a
 * small filesystem of that process: it starts on the embedded database (H2) in the directory named
 * by its argument, makes an admin and an API token, prints {@code url URL} and {@code token
 * SECRET}, then fills the filesystem ({@code fill}) or frees it ({@code free}) when told on
 * standard input, answering {@code filled BYTES} and {@code freed}.
 */
public final class FullDiskServer {
  /** The admin's password. */
  public static final String PASSWORD = "correct horse battery staple";

  /** The name of the API token it makes. */
  public static final String TOKEN_NAME = "disk-full test";

  private FullDiskServer() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path filler = dir.resolve("filler");
    try (RunningServer server =
        WardServer.start(ServerSettings.fromEnvironment().withPort(0).withDataDir(dir))) {
      String token = admin(server);
      System.out.println("url " + server.url());
      System.out.println("token " + token);
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("fill")) {
          System.out.println("filled " + fill(filler));
        } else if (line.equals("free")) {
          Files.deleteIfExists(filler);
          System.out.println("freed");
        }
        System.out.flush();
      }
    }
  }

  /** Makes the user {@code admin} (password {@link #PASSWORD}); returns an API token of theirs. */
  static String admin(RunningServer server) {
    server
        .context()
        .getBean(UserService.class)
        .create("admin", PASSWORD, Role.ADMIN, Actor.system());
    return server
        .context()
        .getBean(TokenService.class)
        .create("admin", TOKEN_NAME, Actor.system())
        .secret();
  }

  /**
   * Appends zeros to {@code file} until the filesystem refuses them for lack of space, as a full
   * disk does (ENOSPC), first in large blocks, then in small ones; returns the file's size.
   */
  static long fill(Path file) throws IOException {
    for (int block : new int[] {1 << 20, 1 << 12, 1}) {
      byte[] zeros = new byte[block];
      try (OutputStream out =
          Files.newOutputStream(
              file,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND)) {
        while (true) {
          out.write(zeros);
          out.flush();
        }
      } catch (IOException e) {
        if (!DiskFull.causes(e)) {
          throw e;
        }
      }
    }
    return Files.size(file);
  }
}
