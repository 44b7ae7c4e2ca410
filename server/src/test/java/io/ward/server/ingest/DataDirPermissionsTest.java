package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.RunningServer;
import io.ward.server.ServerSettings;
import io.ward.server.TestData;
import io.ward.server.WardServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What Ward creates under its data directory is for its owner only: the directory itself (the
 * embedded database holds password hashes and the audit log), and the uploads (a capture holds
 * patient data in clear while its job runs).
 */
class DataDirPermissionsTest {

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void shouldCreateTheDataDirectoryAndUploadsForTheOwnerOnly(@TempDir Path parent)
      throws Exception {
    assumeThat(parent.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path dataDir = parent.resolve("fresh").resolve("ward");
    // The embedded H2 file database, as a plain `--data-dir` start has it.
    ServerSettings settings =
        new ServerSettings(
                0,
                "127.0.0.1",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false)
            .withDataDir(dataDir);
    try (RunningServer server = WardServer.start(settings, Map.of("ward.background", "false"))) {
      ConfigurableApplicationContext context = server.context();
      assertThat(mode(dataDir)).isEqualTo("rwx------");
      assertThat(mode(dataDir.resolve("db"))).isEqualTo("rwx------");

      UploadStore uploads = context.getBean(UploadStore.class);
      UploadStore.Stored capture;
      try (InputStream in = Files.newInputStream(TestData.file("pcaps/ndpi/hl7.pcap"))) {
        capture = uploads.store(in, JobKind.CAPTURE, "hl7.pcap");
      }
      assertThat(mode(dataDir.resolve("uploads"))).isEqualTo("rwx------");
      assertThat(mode(capture.path().getParent())).isEqualTo("rwx------");
      assertThat(mode(capture.path())).isEqualTo("rw-------");

      UploadStore.Stored cmdb =
          uploads.store(
              new ByteArrayInputStream("mac,ip\n".getBytes(StandardCharsets.UTF_8)),
              JobKind.CMDB,
              "assets.csv");
      Path mapping =
          uploads.storeMapping(
              cmdb, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "map.json");
      assertThat(mode(cmdb.path())).isEqualTo("rw-------");
      assertThat(mode(mapping.getParent())).isEqualTo("rwx------");
      assertThat(mode(mapping)).isEqualTo("rw-------");

      UploadStore.Stored sbom =
          uploads.store(
              new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
              JobKind.SBOM,
              "bom.json");
      assertThat(mode(sbom.path().getParent())).isEqualTo("rwx------");
      assertThat(mode(sbom.path())).isEqualTo("rw-------");
    }
  }

  @Test
  void shouldMakeUploadDirectoriesAnOlderVersionLeftOpenOwnerOnly(@TempDir Path dataDir)
      throws Exception {
    assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path captures = Files.createDirectories(dataDir.resolve("uploads").resolve("captures"));
    Files.setPosixFilePermissions(
        dataDir.resolve("uploads"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(captures, PosixFilePermissions.fromString("rwxr-xr-x"));
    var properties =
        new io.ward.server.config.WardProperties(
            dataDir,
            null,
            new io.ward.server.config.WardProperties.Ingest(
                1, 1, org.springframework.util.unit.DataSize.ofGigabytes(8), List.of()),
            null,
            null,
            /* background= */ false);
    try (InputStream in = Files.newInputStream(TestData.file("pcaps/ndpi/hl7.pcap"))) {
      new UploadStore(properties).store(in, JobKind.CAPTURE, "hl7.pcap");
    }
    assertThat(mode(dataDir.resolve("uploads"))).isEqualTo("rwx------");
    assertThat(mode(captures)).isEqualTo("rwx------");
  }
}
