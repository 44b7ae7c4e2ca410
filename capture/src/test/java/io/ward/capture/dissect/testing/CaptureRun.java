package io.ward.capture.dissect.testing;

import io.ward.capture.CaptureEngine;
import io.ward.capture.CaptureOptions;
import io.ward.capture.CaptureSource;
import io.ward.capture.CaptureSummary;
import io.ward.capture.ProgressListener;
import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Flow;
import io.ward.model.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One real capture from the shared test data run through {@link CaptureEngine}, with what it
 * emitted kept for assertions.
 *
 * @param observations every observation, in emission order
 * @param flows every flow summary
 */
public record CaptureRun(CaptureSummary summary, List<Observation> observations, List<Flow> flows) {

  /** Runs {@code pcaps/<relative>} through the engine with only these dissectors. */
  public static CaptureRun of(String relative, Dissector... dissectors) {
    return run(relative, CaptureOptions.defaults().withDissectors(List.of(dissectors)));
  }

  /** Runs {@code pcaps/<relative>} through the engine with the full registry. */
  public static CaptureRun withRegistry(String relative) {
    return run(relative, CaptureOptions.defaults());
  }

  /** Runs a capture file anywhere (e.g. a {@link SyntheticPcap}) with only these dissectors. */
  public static CaptureRun ofFile(java.nio.file.Path file, Dissector... dissectors) {
    return run(file, CaptureOptions.defaults().withDissectors(List.of(dissectors)));
  }

  private static CaptureRun run(String relative, CaptureOptions options) {
    return run(TestData.file("pcaps/" + relative), options);
  }

  private static CaptureRun run(java.nio.file.Path file, CaptureOptions options) {
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
          new CaptureEngine(options)
              .analyze(CaptureSource.ofPath(file), sink, ProgressListener.NONE);
      return new CaptureRun(summary, List.copyOf(observations), List.copyOf(flows));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Observations whose field starts with one of the prefixes, e.g. {@code "dhcp."}. */
  public List<Observation> fields(String... prefixes) {
    Predicate<Observation> match =
        o -> {
          for (String p : prefixes) {
            if (o.field().startsWith(p)) {
              return true;
            }
          }
          return false;
        };
    return observations.stream().filter(match).toList();
  }

  /** Distinct values of one field in first-seen order. */
  public List<String> values(String field) {
    return observations.stream()
        .filter(o -> o.field().equals(field))
        .map(Observation::value)
        .distinct()
        .toList();
  }
}
