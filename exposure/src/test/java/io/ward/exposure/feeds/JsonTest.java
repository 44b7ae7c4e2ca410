package io.ward.exposure.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gzip-compressed JSON is read like plain JSON, and held to the same size limit once inflated. */
class JsonTest {

  @TempDir Path dir;

  private Path gzip(String name, String json) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  @Test
  void shouldReadGzipLikePlainJson() throws IOException {
    String json = "{\"vulnerabilities\": [1, 2, 3], \"format\": \"NVD_CVE\"}";
    Path plain = Files.writeString(dir.resolve("a.json"), json);
    Path gz = gzip("a.json.gz", json);

    assertThat(Json.read(gz)).isEqualTo(Json.read(plain));
  }

  @Test
  void shouldRefuseGzipThatInflatesBeyondTheLimit() throws IOException {
    // 1 MB of spaces compresses to about a kilobyte: small on disk, too big once inflated.
    Path bomb = gzip("bomb.json.gz", "{\"a\": 1" + " ".repeat(1 << 20) + "}");
    assertThat(Files.size(bomb)).isLessThan(64 * 1024);

    assertThatThrownBy(() -> Json.read(bomb, 64 * 1024))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("inflates beyond 65536 bytes");
    assertThat(Json.read(bomb, 2 << 20).path("a").asInt()).isEqualTo(1);
  }
}
