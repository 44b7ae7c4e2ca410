package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.TestData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;

/** Data the HTTP tests share: real captures ingested through the API, findings on devices. */
public final class Fixtures {
  /** An HL7 capture (nDPI test data). */
  public static final String HL7 = "pcaps/ndpi/hl7.pcap";

  /** DICOM C-STORE over loopback, made with dcmtk. */
  public static final String DICOM = "pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng";

  /** DHCP with vendor options (Wireshark sample). */
  public static final String DHCP = "pcaps/arkime/wireshark-dhcp.pcap";

  private Fixtures() {}

  /** Uploads a capture through the API and waits for its job to finish; returns the job. */
  public static JsonNode ingest(Http http, String relative) throws Exception {
    Path file = TestData.file(relative);
    HttpResponse<String> r =
        http.upload(
            "/api/v1/captures", "file", file.getFileName().toString(), Files.readAllBytes(file));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return awaitJob(http, Http.json(r.body()).get("id").asLong());
  }

  /** Polls a job until it finishes (at most two minutes). */
  public static JsonNode awaitJob(Http http, long id) throws Exception {
    JsonNode job = null;
    for (int i = 0; i < 1200; i++) {
      job = Http.json(http.get("/api/v1/jobs/" + id).body());
      if (job.get("finished").asBoolean()) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish: " + job);
  }

  /** Stores a finding on a device (as the exposure analysis would) and returns its id. */
  public static long finding(SharedServer s, long deviceId, String cve, int score, boolean kev) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    s.jdbc()
        .sql(
            "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key, title,"
                + " status, matched_by, score, decision, kev, rationale, first_seen, last_seen)"
                + " VALUES (?, ?, 'VULNERABILITY', ?, 'csaf|TEST-1', ?, 'AFFECTED', ?, ?, 'act',"
                + " ?, ?, ?, ?)")
        .params(
            "test|" + deviceId + "|" + cve,
            deviceId,
            cve,
            "Test advisory for " + cve,
            "vendor and model match the advisory's product; firmware 1.0 < 2.0",
            score,
            kev,
            "exploitation: active\nclinical impact: high",
            now,
            now)
        .update();
    return s.jdbc()
        .sql("SELECT id FROM finding WHERE finding_key = ?")
        .param("test|" + deviceId + "|" + cve)
        .query(Long.class)
        .single();
  }
}
