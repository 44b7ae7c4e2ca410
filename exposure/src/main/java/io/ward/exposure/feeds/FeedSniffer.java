package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.exposure.feeds.cve5.Cve5Reader;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.exposure.feeds.nvd.NvdReader;
import io.ward.exposure.feeds.openfda.OpenFdaRecallReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Recognises a knowledge file's kind from its bytes, never from its name alone. */
public final class FeedSniffer {

  private static final int PREFIX_BYTES = 64 * 1024;

  private FeedSniffer() {}

  /** The kind of a file, {@link FeedKind#UNKNOWN} when unreadable or not recognised. */
  public static FeedKind sniff(Path file) {
    byte[] prefix;
    try {
      prefix = prefix(file);
    } catch (IOException e) {
      return FeedKind.UNKNOWN;
    }
    if (prefix.length >= 4
        && prefix[0] == 'P'
        && prefix[1] == 'K'
        && prefix[2] == 3
        && prefix[3] == 4) {
      return FeedKind.MDS2; // OOXML is a zip; the MDS2 reader checks it is a workbook
    }
    if (prefix.length >= 4
        && (prefix[0] & 0xff) == 0xD0
        && (prefix[1] & 0xff) == 0xCF
        && (prefix[2] & 0xff) == 0x11
        && (prefix[3] & 0xff) == 0xE0) {
      return FeedKind.MDS2; // OLE2: a legacy .xls workbook
    }
    String text = new String(prefix, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("#model_version") || lower.startsWith("cve,epss")) {
      return FeedKind.EPSS;
    }
    if (text.startsWith("<")) {
      return lower.contains("cyclonedx.org/schema/bom") ? FeedKind.CYCLONEDX : FeedKind.UNKNOWN;
    }
    if (!text.startsWith("{")) {
      return FeedKind.UNKNOWN;
    }
    try {
      return kindOf(Json.read(file));
    } catch (IOException | RuntimeException e) {
      return FeedKind.UNKNOWN;
    }
  }

  /**
   * Why a file that looks like a JSON document cannot be read, or empty when it parses (or does not
   * look like JSON at all). A damaged feed is an error to report, not a file to skip quietly.
   */
  public static Optional<String> damage(Path file) {
    byte[] prefix;
    try {
      prefix = prefix(file);
    } catch (IOException e) {
      return Optional.of("unreadable: " + e.getMessage());
    }
    String text = new String(prefix, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
    if (!text.startsWith("{") && !text.startsWith("[")) {
      return Optional.empty();
    }
    try {
      Json.read(file);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      String why =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      return Optional.of("not valid JSON: " + why);
    }
  }

  /** The kind of a parsed JSON document. */
  public static FeedKind kindOf(JsonNode root) {
    if (CsafReader.looksLikeCsaf(root)) {
      return FeedKind.CSAF;
    }
    if (Cve5Reader.looksLikeCve5(root)) {
      return FeedKind.CVE5;
    }
    if (KevReader.looksLikeKev(root)) {
      return FeedKind.KEV;
    }
    if (Json.textOr(root, "bomFormat", "").equalsIgnoreCase("CycloneDX")) {
      return FeedKind.CYCLONEDX;
    }
    if (OpenFdaRecallReader.looksLikeOpenFda(root)) {
      return FeedKind.OPENFDA;
    }
    if (NvdReader.looksLikeNvd(root)) {
      return FeedKind.NVD;
    }
    return FeedKind.UNKNOWN;
  }

  /** The first bytes of a file, gunzipped when it is gzip. */
  private static byte[] prefix(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      byte[] head = raw.readNBytes(PREFIX_BYTES);
      if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(head))) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] buffer = new byte[8192];
          int n;
          try {
            while (out.size() < PREFIX_BYTES && (n = gz.read(buffer)) > 0) {
              out.write(buffer, 0, n);
            }
          } catch (java.io.EOFException e) {
            // the prefix ends inside the stream: what was inflated is enough to sniff
          }
          return out.toByteArray();
        }
      }
      return head;
    }
  }
}
