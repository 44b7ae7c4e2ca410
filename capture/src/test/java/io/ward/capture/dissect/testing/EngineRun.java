package io.ward.capture.dissect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.CaptureEngine;
import io.ward.capture.CaptureOptions;
import io.ward.capture.CaptureSource;
import io.ward.capture.CaptureSummary;
import io.ward.capture.ProgressListener;
import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a capture through the real {@link CaptureEngine} for dissector tests, and compares what it
 * emitted with a golden JSON file kept beside the test ({@code src/test/resources/<package>/}). Set
 * {@code -Dward.golden.update=true} to rewrite golden files after a reviewed change.
 */
public final class EngineRun {

  /** What one run emitted. */
  public record Result(List<Observation> observations, List<Flow> flows, CaptureSummary summary) {

    /** The values of one field, in emission order. */
    public List<String> values(String field) {
      return observations.stream()
          .filter(o -> o.field().equals(field))
          .map(o -> o.value())
          .toList();
    }

    /** The observations whose subject has this IP address (textual form, e.g. 10.0.0.1). */
    public List<Observation> about(String ip) {
      return observations.stream().filter(o -> ipOf(o.subject()).equals(ip)).toList();
    }
  }

  private EngineRun() {}

  /** Analyses {@code pcap} (a path under WARD_TESTDATA or absolute) with the given dissectors. */
  public static Result analyze(Path pcap, List<Dissector> dissectors) {
    List<Observation> observations = new ArrayList<>();
    List<Flow> flows = new ArrayList<>();
    ObservationSink sink =
        new ObservationSink() {
          @Override
          public void observation(Observation observation) {
            observations.add(observation);
          }

          @Override
          public void flow(Flow flow) {
            flows.add(flow);
          }
        };
    try {
      CaptureSummary summary =
          new CaptureEngine(CaptureOptions.defaults().withDissectors(dissectors))
              .analyze(CaptureSource.ofPath(pcap), sink, ProgressListener.NONE);
      return new Result(List.copyOf(observations), List.copyOf(flows), summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Observations as canonical JSON: one object per line in emission order, with the subject as its
   * IP (or MAC when no IP), the field and the value.
   */
  public static String toJson(List<Observation> observations) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < observations.size(); i++) {
      Observation o = observations.get(i);
      sb.append("  {\"subject\": ")
          .append(quote(ipOf(o.subject())))
          .append(", \"field\": ")
          .append(quote(o.field()))
          .append(", \"value\": ")
          .append(quote(o.value()))
          .append(i + 1 < observations.size() ? "},\n" : "}\n");
    }
    return sb.append("]\n").toString();
  }

  /**
   * Asserts that the observations equal the golden file {@code resource} (relative to {@code
   * anchor}'s package), or rewrites it when {@code ward.golden.update} is set.
   */
  public static void assertGolden(
      Class<?> anchor, String resource, List<Observation> observations) {
    String actual = toJson(observations);
    Path source =
        Path.of("src/test/resources", anchor.getPackageName().replace('.', '/'), resource);
    if (Boolean.getBoolean("ward.golden.update")) {
      try {
        Files.createDirectories(source.getParent());
        Files.writeString(source, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      assertThat(in).as("golden file %s (run with -Dward.golden.update=true)", source).isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual).as("observations vs golden %s", source).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The IP of an endpoint in textual form, else its MAC. */
  public static String ipOf(Endpoint e) {
    return e.ip().map(ip -> ip.toString()).orElseGet(() -> e.mac().orElseThrow().toString());
  }

  /** True when {@code tool} can be started (e.g. tshark, storescp). */
  public static boolean hasTool(String tool, String versionFlag) {
    try {
      Process p = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command to completion and returns its standard output lines (stderr discarded). */
  public static List<String> run(String... command) {
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
      return out.isEmpty() ? Collections.emptyList() : List.of(out.split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
