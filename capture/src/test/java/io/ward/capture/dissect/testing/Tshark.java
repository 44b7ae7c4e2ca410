package io.ward.capture.dissect.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Debian's tshark as the oracle for dissector fields. */
public final class Tshark {
  private Tshark() {}

  /** True when {@code tshark} runs here. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code tshark -n -r pcaps/<relative> [options…] -T fields -e f1 -e f2 …} once; several
   * occurrences of a field in one packet are joined with commas.
   *
   * @param options e.g. {@code -Y dns.flags.response==1} or {@code -d udp.port==3702,…}
   */
  public static Table fields(String relative, List<String> options, String... fields) {
    return fields(TestData.file("pcaps/" + relative), options, fields);
  }

  /** {@link #fields(String, List, String...)} for a capture anywhere, e.g. a synthetic one. */
  public static Table fields(java.nio.file.Path pcap, List<String> options, String... fields) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("tshark", "-n", "-r", pcap.toString()));
    cmd.addAll(options);
    cmd.addAll(List.of("-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
    cmd.addAll(List.of("-E", "separator=/t"));
    for (String f : fields) {
      cmd.add("-e");
      cmd.add(f);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : run(cmd)) {
      if (!line.isEmpty()) {
        rows.add(Arrays.copyOf(line.split("\t", -1), fields.length));
      }
    }
    return new Table(List.of(fields), rows);
  }

  /** Shorthand for {@link #fields} without options. */
  public static Table fields(String relative, String... fields) {
    return fields(relative, List.of(), fields);
  }

  /** tshark's output: one row per packet, one column per requested field. */
  public static final class Table {
    private final List<String> names;
    private final List<String[]> rows;

    Table(List<String> names, List<String[]> rows) {
      this.names = names;
      this.rows = rows;
    }

    /** Distinct non-empty values of a column, per packet (not split), in first-seen order. */
    public List<String> perPacket(String field) {
      int c = column(field);
      Set<String> out = new LinkedHashSet<>();
      for (String[] r : rows) {
        if (r[c] != null && !r[c].isBlank()) {
          out.add(r[c].trim());
        }
      }
      return List.copyOf(out);
    }

    /** Distinct non-empty values of a column with per-packet occurrences split on commas. */
    public List<String> values(String field) {
      Set<String> out = new LinkedHashSet<>();
      for (String v : perPacket(field)) {
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
      return List.copyOf(out);
    }

    /** The raw rows (null cells for empty trailing columns). */
    public List<String[]> rows() {
      return rows;
    }

    private int column(String field) {
      int c = names.indexOf(field);
      if (c < 0) {
        throw new IllegalArgumentException("field not requested: " + field);
      }
      return c;
    }
  }

  /**
   * One occurrence of a field in {@code tshark -T pdml} output.
   *
   * @param packet the index of the packet among those the filter matched, from 0
   */
  public record PdmlField(int packet, String showname, String show, String value) {}

  /**
   * Every occurrence of {@code field} in packets matching {@code filter}, from {@code tshark -T
   * pdml}: for what the plain field output drops (the suffix of a NetBIOS name, the DER bytes of a
   * certificate's subject).
   */
  public static List<PdmlField> pdml(String relative, String filter, String field) {
    List<String> cmd =
        List.of(
            "tshark",
            "-n",
            "-r",
            TestData.file("pcaps/" + relative).toString(),
            "-Y",
            filter,
            "-T",
            "pdml");
    String prefix = "<field name=\"" + field + "\" ";
    List<PdmlField> out = new ArrayList<>();
    int packet = -1;
    for (String line : run(cmd)) {
      if (line.trim().equals("<packet>")) {
        packet++;
      }
      int at = line.indexOf(prefix);
      if (at >= 0) {
        String tag = line.substring(at);
        out.add(
            new PdmlField(
                packet,
                attribute(tag, "showname"),
                attribute(tag, "show"),
                attribute(tag, "value")));
      }
    }
    return out;
  }

  /**
   * One {@code tshark -T pdml} run: for each packet matching {@code filter}, every occurrence of
   * each wanted field in document order. One process instead of one per question keeps oracle tests
   * fast.
   */
  public static List<java.util.Map<String, List<PdmlField>>> pdmlPackets(
      String relative, String filter, java.util.Set<String> wanted) {
    List<String> cmd =
        List.of(
            "tshark",
            "-n",
            "-r",
            TestData.file("pcaps/" + relative).toString(),
            "-Y",
            filter,
            "-T",
            "pdml");
    List<java.util.Map<String, List<PdmlField>>> packets = new ArrayList<>();
    for (String line : run(cmd)) {
      String trimmed = line.trim();
      if (trimmed.equals("<packet>")) {
        packets.add(new java.util.HashMap<>());
        continue;
      }
      if (packets.isEmpty() || !trimmed.startsWith("<field name=\"")) {
        continue;
      }
      String name = attribute(trimmed, "name");
      if (wanted.contains(name)) {
        packets
            .get(packets.size() - 1)
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(
                new PdmlField(
                    packets.size() - 1,
                    attribute(trimmed, "showname"),
                    attribute(trimmed, "show"),
                    attribute(trimmed, "value")));
      }
    }
    return packets;
  }

  /** The display text of every occurrence of a field, with the leading {@code "Label: "} cut. */
  public static List<String> shownames(String relative, String filter, String field) {
    List<String> out = new ArrayList<>();
    for (PdmlField f : pdml(relative, filter, field)) {
      String shown = f.showname();
      int colon = shown.indexOf(": ");
      out.add(colon >= 0 ? shown.substring(colon + 2) : shown);
    }
    return out;
  }

  private static String attribute(String tag, String name) {
    String key = " " + name + "=\"";
    int at = tag.indexOf(key);
    if (at < 0) {
      return "";
    }
    int from = at + key.length();
    int to = tag.indexOf('"', from);
    return tag.substring(from, to < 0 ? tag.length() : to)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  private static List<String> run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("tshark failed: " + String.join(" ", cmd));
      }
      return List.of(text.split("\n"));
    } catch (IOException e) {
      throw new IllegalStateException("tshark failed: " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
