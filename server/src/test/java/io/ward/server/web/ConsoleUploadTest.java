package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.TestData;
import io.ward.server.api.Fixtures;
import io.ward.server.api.Http;
import io.ward.server.api.SharedServer;
import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The console's upload forms over HTTP: device records (SBOM) and refused kinds. */
class ConsoleUploadTest {

  @Test
  void shouldQueueAnSbomFromTheDeviceRecordsFormAndRefuseOtherKinds() throws Exception {
    SharedServer server = SharedServer.h2();
    Http analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
    byte[] sbom =
        Files.readAllBytes(TestData.file("sbom/medical-device-casestudy/narrow.sbom.json"));
    long jobsBefore = server.count("ingest_job");

    HttpResponse<String> r =
        analyst.upload("/upload/import", Map.of("kind", "sbom"), "file", "narrow.sbom.json", sbom);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/upload"));
    JsonNode job = Http.json(analyst.get("/api/v1/jobs?limit=1").body()).get(0);
    assertThat(job.get("kind").asString()).isEqualTo("sbom");
    assertThat(job.get("filename").asString()).isEqualTo("narrow.sbom.json");
    assertThat(Fixtures.awaitJob(analyst, job.get("id").asLong()).get("finished").asBoolean())
        .isTrue();

    for (String kind : new String[] {"capture", "feed", "' OR 1=1 --"}) {
      HttpResponse<String> refused =
          analyst.upload("/upload/import", Map.of("kind", kind), "file", "x.json", sbom);
      assertThat(refused.statusCode()).isEqualTo(302);
    }
    assertThat(server.count("ingest_job")).isEqualTo(jobsBefore + 1);

    Http auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
    HttpResponse<String> denied =
        auditor.upload("/upload/import", Map.of("kind", "sbom"), "file", "narrow.sbom.json", sbom);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(server.count("ingest_job")).isEqualTo(jobsBefore + 1);
  }
}
