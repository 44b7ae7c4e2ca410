package io.ward.exposure.feeds.epss;

import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.EpssScore;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads the FIRST EPSS daily CSV, plain or gzip: an optional comment line {@code
 * #model_version:v2023.03.01,score_date:2024-10-24T00:00:00+0000}, a header {@code
 * cve,epss,percentile}, then one row per CVE. Bad rows are reported by line number and skipped.
 */
public final class EpssReader {

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern META =
      Pattern.compile("#?\\s*model_version:([^,]*)(?:,\\s*score_date:(\\S+))?");

  /** Rows read at most; the real file has about 250k. */
  private static final int MAX_ROWS = 5_000_000;

  /** Reads one EPSS file; {@code fallbackDate} dates rows when the file has no score_date. */
  public FeedResult<EpssScore> read(Path file, LocalDate fallbackDate) {
    List<EpssScore> scores = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    try (BufferedReader in = open(file)) {
      LocalDate date = fallbackDate;
      Optional<String> model = Optional.empty();
      int[] columns = null;
      String line;
      long number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String row = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        if (row.isBlank()) {
          continue;
        }
        if (row.startsWith("#")) {
          Matcher m = META.matcher(row.trim());
          if (m.find()) {
            model = Optional.of(m.group(1).trim()).filter(s -> !s.isEmpty());
            if (m.group(2) != null) {
              date = Json.date(m.group(2)).orElse(date);
            }
          }
          continue;
        }
        if (columns == null) {
          columns = header(row);
          if (columns == null) {
            problems.add(
                FeedProblem.error(file, "line " + number, "no cve,epss,percentile header"));
            return new FeedResult<>(scores, problems);
          }
          continue;
        }
        if (scores.size() >= MAX_ROWS) {
          problems.add(
              FeedProblem.error(
                  file, "line " + number, "more than " + MAX_ROWS + " rows; rest ignored"));
          break;
        }
        row(row, columns, date, model, file, number, problems).ifPresent(scores::add);
      }
      if (columns == null) {
        problems.add(FeedProblem.error(file, "empty: no EPSS header or rows"));
      }
    } catch (IOException e) {
      problems.add(FeedProblem.error(file, "unreadable: " + e.getMessage()));
    }
    return new FeedResult<>(scores, problems);
  }

  /** Column indexes of cve, epss, percentile; null when the line is not that header. */
  private static int[] header(String line) {
    String[] cells = line.toLowerCase(Locale.ROOT).split(",", -1);
    int cve = -1;
    int epss = -1;
    int percentile = -1;
    for (int i = 0; i < cells.length; i++) {
      switch (cells[i].trim()) {
        case "cve" -> cve = i;
        case "epss" -> epss = i;
        case "percentile" -> percentile = i;
        default -> {}
      }
    }
    return cve < 0 || epss < 0 || percentile < 0 ? null : new int[] {cve, epss, percentile};
  }

  private static Optional<EpssScore> row(
      String line,
      int[] columns,
      LocalDate date,
      Optional<String> model,
      Path file,
      long number,
      List<FeedProblem> problems) {
    String[] cells = line.split(",", -1);
    int needed = Math.max(columns[0], Math.max(columns[1], columns[2]));
    if (cells.length <= needed) {
      problems.add(FeedProblem.error(file, "line " + number, "too few columns, skipped"));
      return Optional.empty();
    }
    String cve = cells[columns[0]].trim().toUpperCase(Locale.ROOT);
    if (!CVE.matcher(cve).matches()) {
      problems.add(FeedProblem.error(file, "line " + number, "invalid CVE id, skipped"));
      return Optional.empty();
    }
    try {
      double score = Double.parseDouble(cells[columns[1]].trim());
      double percentile = Double.parseDouble(cells[columns[2]].trim());
      if (!(score >= 0 && score <= 1 && percentile >= 0 && percentile <= 1)) {
        problems.add(FeedProblem.error(file, "line " + number, "score outside [0,1], skipped"));
        return Optional.empty();
      }
      return Optional.of(new EpssScore(cve, score, percentile, date, model));
    } catch (NumberFormatException e) {
      problems.add(FeedProblem.error(file, "line " + number, "not a number, skipped"));
      return Optional.empty();
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file));
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw) : raw;
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
