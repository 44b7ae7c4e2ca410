package io.ward.server.api;

import io.ward.server.audit.Actor;
import io.ward.server.ingest.IngestService;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobKind;
import io.ward.server.ingest.JobService;
import io.ward.server.ingest.UploadRefused;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads and job control shared by the API and the console: a file that does not start like a
 * capture is refused before anything is stored, as is one larger than the upload limit (413) or one
 * the full disk cannot take (507); cancelling a finished job is a conflict.
 */
@Service
public class IngestCommands {
  /** A column mapping names a few headers; anything larger is not one. */
  private static final long MAPPING_MAX_BYTES = 64 * 1024;

  private final IngestService ingest;
  private final JobService jobs;

  IngestCommands(IngestService ingest, JobService jobs) {
    this.ingest = ingest;
    this.jobs = jobs;
  }

  /** Queues an uploaded capture; a missing, empty or non-capture file is refused (400/415). */
  public Job submitCapture(MultipartFile file, Actor actor) {
    requireFile(file);
    try (InputStream raw = file.getInputStream()) {
      InputStream in =
          CaptureMagic.open(raw)
              .orElseThrow(
                  () ->
                      ApiException.unsupported(
                          name(file)
                              + " is not a capture: expected pcap, pcapng or gzip-compressed"
                              + " pcap/pcapng; nothing was stored"));
      return ingest.submitCapture(in, name(file), actor);
    } catch (UploadRefused e) {
      throw ApiException.refused(e);
    } catch (IOException e) {
      throw new UncheckedIOException("the upload could not be stored", e);
    }
  }

  /** Queues an uploaded advisory feed file (CSAF, NVD, CVE 5, KEV, EPSS). */
  public Job submitFeed(MultipartFile file, Actor actor) {
    requireFile(file);
    try (InputStream in = file.getInputStream()) {
      return ingest.submitFeed(in, name(file), actor);
    } catch (UploadRefused e) {
      throw ApiException.refused(e);
    } catch (IOException e) {
      throw new UncheckedIOException("the upload could not be stored", e);
    }
  }

  /**
   * Queues an uploaded inventory or knowledge file: a CycloneDX SBOM or VEX, an MDS2 form, or a
   * CMDB export ({@code sbom}, {@code mds2}, {@code cmdb}); other kinds have their own endpoints.
   */
  public Job submitImport(String kind, MultipartFile file, Actor actor) {
    JobKind k =
        Params.id("kind", kind, JobKind.class, JobKind::id)
            .filter(IngestCommands::isDeviceRecord)
            .orElseThrow(() -> ApiException.badRequest("kind must be one of sbom, mds2, cmdb"));
    return submitImport(k, file, actor);
  }

  /**
   * Queues an uploaded SBOM/VEX, MDS2 form or CMDB export; a missing or empty file is refused
   * (400), and one that does not start like its kind (415) before anything is stored.
   */
  public Job submitImport(JobKind kind, MultipartFile file, Actor actor) {
    if (!isDeviceRecord(kind)) {
      throw new IllegalArgumentException("not a device-record kind: " + kind);
    }
    requireFile(file);
    try (InputStream raw = file.getInputStream()) {
      InputStream in =
          ImportMagic.open(raw, kind)
              .orElseThrow(
                  () ->
                      ApiException.unsupported(
                          name(file)
                              + " is not "
                              + ImportMagic.expected(kind)
                              + "; nothing was stored"));
      return ingest.submitFile(kind, in, name(file), actor);
    } catch (UploadRefused e) {
      throw ApiException.refused(e);
    } catch (IOException e) {
      throw new UncheckedIOException("the upload could not be stored", e);
    }
  }

  /**
   * Queues an uploaded CMDB export with the column mapping to read it by ({@code mapping}, the YAML
   * {@code ward vulns --cmdb-mapping} takes); without a mapping (absent, or a form's empty file
   * field) the bundled ServiceNow and Nuvolo mappings are tried as before. The mapping is read by
   * the job: a bad one fails it, naming the file, with nothing stored.
   */
  public Job submitCmdb(MultipartFile file, MultipartFile mapping, Actor actor) {
    if (mapping == null || (mapping.isEmpty() && isBlank(mapping.getOriginalFilename()))) {
      return submitImport(JobKind.CMDB, file, actor);
    }
    requireFile(file);
    if (mapping.getSize() > MAPPING_MAX_BYTES) {
      throw ApiException.badRequest(
          name(mapping)
              + " is larger than 64 KiB; a CMDB column mapping is a small YAML file;"
              + " nothing was stored");
    }
    try (InputStream raw = file.getInputStream();
        InputStream map = mapping.getInputStream()) {
      InputStream in =
          ImportMagic.open(raw, JobKind.CMDB)
              .orElseThrow(
                  () ->
                      ApiException.unsupported(
                          name(file)
                              + " is not "
                              + ImportMagic.expected(JobKind.CMDB)
                              + "; nothing was stored"));
      return ingest.submitCmdb(in, name(file), map, name(mapping), actor);
    } catch (UploadRefused e) {
      throw ApiException.refused(e);
    } catch (IOException e) {
      throw new UncheckedIOException("the upload could not be stored", e);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean isDeviceRecord(JobKind kind) {
    return kind == JobKind.SBOM || kind == JobKind.MDS2 || kind == JobKind.CMDB;
  }

  /** Queues a re-read of the feed directory. */
  public Job refreshFeeds(Actor actor) {
    try {
      return ingest.refreshFeeds(actor);
    } catch (IOException e) {
      throw new UncheckedIOException("the feed directory cannot be read", e);
    }
  }

  /** Queues a feed sync; 409 when no sync source is configured. */
  public Job syncFeeds(Actor actor) {
    try {
      return ingest.syncFeeds(actor);
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage(), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("the feed directory cannot be written", e);
    }
  }

  /** The feed sync settings, for the console. */
  public io.ward.server.config.WardProperties.Sync syncSettings() {
    return ingest.syncSettings();
  }

  /** The largest upload accepted, e.g. "8 GiB", for the console. */
  public String maxUpload() {
    return ingest.maxUpload();
  }

  /** One job, or 404. */
  public Job get(long id) {
    return jobs.get(id).orElseThrow(() -> ApiException.notFound("no job " + id));
  }

  /** Cancels a queued or running job; a finished one is a 409. */
  public Job cancel(long id, Actor actor) {
    Job before = get(id);
    if (before.state().finished()) {
      throw ApiException.conflict(
          "job " + id + " has already " + before.state().id(),
          Map.of("state", before.state().id()));
    }
    return jobs.cancel(id, actor).orElseThrow(() -> ApiException.notFound("no job " + id));
  }

  private static void requireFile(MultipartFile file) {
    if (file == null || file.isEmpty()) {
      throw ApiException.badRequest("a non-empty file in the multipart field 'file' is required");
    }
  }

  private static String name(MultipartFile file) {
    String n = file.getOriginalFilename();
    return n == null || n.isBlank() ? "upload" : n;
  }
}
