package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.audit.Actor;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobKind;
import io.ward.server.ingest.JobService;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Captures, feeds and device records in, jobs out: {@code /api/v1/captures}, {@code /feeds}, {@code
 * /sboms}, {@code /mds2}, {@code /cmdb}, {@code /jobs}.
 */
@RestController
@Tag(name = "Ingest")
class IngestApi {
  private final IngestCommands commands;
  private final JobService jobs;

  IngestApi(IngestCommands commands, JobService jobs) {
    this.commands = commands;
    this.jobs = jobs;
  }

  @PostMapping(path = "/api/v1/captures", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Upload a capture (pcap, pcapng, gzip) in field 'file'; 202 with its job")
  ResponseEntity<JobJson> capture(
      @RequestPart(name = "file", required = false) MultipartFile file) {
    return accepted(commands.submitCapture(file, Actor.current()));
  }

  @PostMapping(path = "/api/v1/feeds", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Upload an advisory feed file (CSAF, NVD, CVE 5, KEV, EPSS); 202 with its job")
  ResponseEntity<JobJson> feed(@RequestPart(name = "file", required = false) MultipartFile file) {
    return accepted(commands.submitFeed(file, Actor.current()));
  }

  @PostMapping(path = "/api/v1/sboms", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary =
          "Upload a CycloneDX SBOM or VEX (JSON or XML) of a device model in field 'file'; 202"
              + " with its job",
      description =
          "Devices whose vendor and model match the SBOM are re-assessed against its components."
              + " 415 when the file is not JSON or XML; a document without usable components"
              + " fails its job with the reason.")
  ResponseEntity<JobJson> sbom(@RequestPart(name = "file", required = false) MultipartFile file) {
    return accepted(commands.submitImport(JobKind.SBOM, file, Actor.current()));
  }

  @PostMapping(path = "/api/v1/mds2", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Upload a manufacturer's MDS2 form (xlsx or xls) in field 'file'; 202 with its job",
      description =
          "The form's declared capabilities join the assessment of devices of its model. 415 when"
              + " the file is not an Excel workbook.")
  ResponseEntity<JobJson> mds2(@RequestPart(name = "file", required = false) MultipartFile file) {
    return accepted(commands.submitImport(JobKind.MDS2, file, Actor.current()));
  }

  @PostMapping(path = "/api/v1/cmdb", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary =
          "Upload a CMDB/CMMS asset export (CSV, ServiceNow or Nuvolo columns) in field 'file';"
              + " 202 with its job",
      description =
          "Assets are matched to observed devices by MAC, IP, serial or host name; matched devices"
              + " gain cmdb evidence, the rest are kept as not seen on the network. 415 when the"
              + " file is not text. An optional field 'mapping' holds the column mapping (the YAML"
              + " of ward vulns --cmdb-mapping: name, delimiter, columns per field) for exports"
              + " with other headers; the job fails, naming the mapping file, when it cannot be"
              + " read, and nothing is stored.")
  ResponseEntity<JobJson> cmdb(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestPart(name = "mapping", required = false) MultipartFile mapping) {
    return accepted(commands.submitCmdb(file, mapping, Actor.current()));
  }

  @PostMapping("/api/v1/feeds/sync")
  @Operation(
      summary = "Sync feeds now (admins); 202 with its job",
      description =
          "Fetches the feeds listed in ward.feeds.sync.config (conditional requests; a failed"
              + " download keeps the last good copy) and imports the feed files of"
              + " ward.feeds.sync.from into the feed directory, then reads it and re-assesses the"
              + " devices. 409 when neither is configured. Scheduled syncs run every"
              + " ward.feeds.sync.every (off by default).")
  ResponseEntity<JobJson> sync() {
    return accepted(commands.syncFeeds(Actor.current()));
  }

  @PostMapping("/api/v1/feeds/refresh")
  @Operation(summary = "Re-read the feed directory; 202 with its job")
  ResponseEntity<JobJson> refresh() {
    return accepted(commands.refreshFeeds(Actor.current()));
  }

  @GetMapping("/api/v1/jobs")
  @Operation(summary = "The latest jobs, newest first")
  List<JobJson> recent(@RequestParam(name = "limit", required = false) Integer limit) {
    return jobs.recent(Params.limit(limit, 20, 500)).stream().map(JobJson::of).toList();
  }

  @GetMapping("/api/v1/jobs/{id}")
  @Operation(summary = "Where a job stands")
  JobJson job(@PathVariable("id") long id) {
    return JobJson.of(commands.get(id));
  }

  @PostMapping("/api/v1/jobs/{id}/cancel")
  @Operation(summary = "Cancel a queued or running job (409 when it has finished)")
  JobJson cancel(@PathVariable("id") long id) {
    return JobJson.of(commands.cancel(id, Actor.current()));
  }

  private static ResponseEntity<JobJson> accepted(Job job) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/jobs/" + job.id()))
        .body(JobJson.of(job));
  }
}
