package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.config.WardProperties;
import io.ward.server.security.Role;
import jakarta.servlet.ServletContext;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An upload larger than the in-memory threshold is kept by the servlet container while it is
 * received: under the data directory ({@code uploads/.parts}, owner-only), never in the container's
 * directory under {@code java.io.tmpdir}, readable by every local user.
 */
class UploadPartsTest {
  private static final int SIZE = 3 * 1024 * 1024;

  @Test
  void shouldKeepAnUploadBeingReceivedUnderTheDataDirectoryOnly() throws Exception {
    SharedServer server = SharedServer.h2();
    Path dataDir =
        server.server().context().getBean(WardProperties.class).dataDirectory().toAbsolutePath();
    Path parts = dataDir.resolve("uploads").resolve(".parts");
    File containerTemp =
        (File)
            server
                .server()
                .context()
                .getBean(ServletContext.class)
                .getAttribute(ServletContext.TEMPDIR);
    URI url = URI.create(server.url());
    String boundary = "----wardparts";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pcap\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/captures HTTP/1.1\r\nHost: "
                  + url.getHost()
                  + "\r\nAuthorization: Bearer "
                  + server.token(Role.SECURITY_ANALYST)
                  + "\r\nContent-Type: multipart/form-data; boundary="
                  + boundary
                  + "\r\nContent-Length: "
                  + (head.length + SIZE + tail.length)
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      // Over the threshold, then the upload stalls: the container holds what it got on disk.
      out.write(new byte[2 * 1024 * 1024]);
      out.flush();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (files(parts).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(files(parts)).as("the part being received, under the data dir").hasSize(1);
      if (containerTemp != null) {
        assertThat(files(containerTemp.toPath()))
            .as("parts in the container's temporary directory")
            .noneMatch(p -> p.getFileName().toString().startsWith("upload_"));
      }
      out.write(new byte[SIZE - 2 * 1024 * 1024]);
      out.write(tail);
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("HTTP/1.1 ");
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!files(parts).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(files(parts)).as("parts once the request ended").isEmpty();
  }

  /** The regular files under a directory (none when it does not exist). */
  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
