package io.ward.exposure.risk;

import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.Vulnerability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells from an advisory's own words which network service its flaw is reached through (data file
 * {@code network-services.tsv}): Telnet, FTP, SMB, a web server and so on, each with the inventory
 * protocol ids that show it in use. Only the vulnerability's title, its description and the matched
 * product's name are read, never the advisory's general notes, which name services in generic
 * advice. A flaw whose CVSS vectors are all local or physical is not reached through a network
 * service and gets nothing.
 */
public final class NetworkServices {

  private static final NetworkServices DEFAULTS = load();

  /** A URL's scheme (https://, ftp://) names no service the flaw is reached through. */
  private static final Pattern URL =
      Pattern.compile("\\b[a-z][a-z0-9+.-]*://\\S+", Pattern.CASE_INSENSITIVE);

  private static final Pattern CVE =
      Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);

  private static final int QUOTE_MAX = 160;

  /** One row of the data file. */
  record Service(String name, Set<String> protocols, Pattern pattern, Optional<String> notJudged) {}

  private final List<Service> services;

  private NetworkServices(List<Service> services) {
    this.services = List.copyOf(services);
  }

  /** The table shipped with Ward. */
  public static NetworkServices defaults() {
    return DEFAULTS;
  }

  /**
   * The service a vulnerability is reached through, when its own text names one; empty when the
   * text names none or the flaw is local or physical by its CVSS vectors.
   *
   * @param productName the name of the advisory product the finding matched, when known
   */
  public Optional<ServiceMention> reachedThrough(
      Vulnerability vulnerability, Optional<String> productName) {
    if (localOnly(vulnerability.scores())) {
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    vulnerability.title().ifPresent(texts::add);
    vulnerability.description().map(d -> ownPart(d, vulnerability.cve())).ifPresent(texts::add);
    productName.ifPresent(texts::add);
    return find(String.join(". ", texts));
  }

  /** The services named in a text, or empty when it names none. */
  Optional<ServiceMention> find(String text) {
    String clean = URL.matcher(text).replaceAll(" ");
    List<String> names = new ArrayList<>();
    Set<String> protocols = new LinkedHashSet<>();
    int first = Integer.MAX_VALUE;
    int firstEnd = 0;
    Optional<String> notJudged = Optional.empty();
    int blockerAt = 0;
    int blockerEnd = 0;
    for (Service s : services) {
      Matcher m = s.pattern().matcher(clean);
      if (!m.find()) {
        continue;
      }
      names.add(s.name());
      protocols.addAll(s.protocols());
      if (m.start() < first) {
        first = m.start();
        firstEnd = m.end();
      }
      if (s.notJudged().isPresent() && notJudged.isEmpty()) {
        notJudged = s.notJudged();
        blockerAt = m.start();
        blockerEnd = m.end();
      }
    }
    if (names.isEmpty()) {
      return Optional.empty();
    }
    String quote =
        notJudged.isPresent() ? quote(clean, blockerAt, blockerEnd) : quote(clean, first, firstEnd);
    return Optional.of(new ServiceMention(names, protocols, quote, notJudged));
  }

  /**
   * Some CISA CSAF files repeat every earlier vulnerability's paragraph in each summary; each
   * paragraph ends with its own CVE id. When the text names other CVE ids before this one, only the
   * part after the last of them up to this id speaks of this vulnerability. Text that never names
   * this id (NVD's "different from CVE-…") is read whole.
   */
  static String ownPart(String text, Optional<String> cve) {
    if (cve.isEmpty()) {
      return text;
    }
    String own = cve.get().toUpperCase(Locale.ROOT);
    Matcher m = CVE.matcher(text);
    int start = 0;
    while (m.find()) {
      String id = m.group().toUpperCase(Locale.ROOT);
      if (id.equals(own)) {
        String part = text.substring(start, m.start());
        // An id that opens the text ("CVE-…: …") is a heading, not the end of a paragraph.
        return part.isBlank() ? text : part;
      }
      start = m.end();
    }
    return text;
  }

  private static boolean localOnly(List<CvssScore> scores) {
    List<CvssScore> withVector = scores.stream().filter(s -> s.vector().contains("AV:")).toList();
    return !withVector.isEmpty()
        && withVector.stream()
            .noneMatch(s -> s.vector().contains("AV:N") || s.vector().contains("AV:A"));
  }

  /** The sentence around a match, shortened to about {@value #QUOTE_MAX} characters. */
  static String quote(String text, int start, int end) {
    int dot = text.lastIndexOf(". ", start);
    int from = dot < 0 ? 0 : dot + 2;
    int to = text.indexOf(". ", end);
    to = to < 0 ? text.length() : to + 1;
    String prefix = "";
    String suffix = "";
    if (to - from > QUOTE_MAX) {
      int half = (QUOTE_MAX - (end - start)) / 2;
      int a = Math.max(from, start - half);
      int b = Math.min(to, end + half);
      prefix = a > from ? "…" : "";
      suffix = b < to ? "…" : "";
      from = a;
      to = b;
    }
    return prefix + text.substring(from, to).strip().replaceAll("\\s+", " ") + suffix;
  }

  /** Reads the table; a bad line stops with a message naming the line. */
  static NetworkServices parse(List<String> lines, String source) {
    List<Service> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      String[] cols = line.split("\t", -1);
      if (cols.length < 3 || cols.length > 4) {
        throw new IllegalArgumentException(where + ": expected 3 or 4 tab-separated columns");
      }
      boolean judged = !cols[1].equals("-");
      if (judged == (cols.length == 4)) {
        throw new IllegalArgumentException(
            where + ": a reason (column 4) is given exactly when protocols are \"-\"");
      }
      Set<String> protocols =
          judged ? new LinkedHashSet<>(Arrays.asList(cols[1].split(","))) : Set.of();
      if (protocols.stream().anyMatch(p -> !p.matches("[a-z0-9][a-z0-9-]*"))) {
        throw new IllegalArgumentException(where + ": protocol ids are lower-case words");
      }
      Pattern pattern;
      try {
        pattern =
            Pattern.compile(
                "(?<![\\p{Alnum}_])(?:" + cols[2] + ")(?![\\p{Alnum}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            where + ": pattern does not compile: " + e.getDescription());
      }
      out.add(
          new Service(
              cols[0], protocols, pattern, judged ? Optional.empty() : Optional.of(cols[3])));
    }
    return new NetworkServices(out);
  }

  private static NetworkServices load() {
    try (InputStream in = NetworkServices.class.getResourceAsStream("network-services.tsv")) {
      if (in == null) {
        throw new IllegalStateException("network-services.tsv missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(r.lines().toList(), "network-services.tsv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
