package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorRegistry;
import io.ward.model.Flow;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Results do not depend on the number of worker threads. */
class CaptureEngineWorkersTest {

  private static List<Dissector> dissectors() {
    List<Dissector> all = new ArrayList<>(DissectorRegistry.all());
    // Reports every chunk of every otherwise unrecognised flow, so streams are compared too.
    all.add(new TestDissector("chunks", Transport.TCP, new int[0], true, ""));
    all.add(new TestDissector("datagrams", Transport.UDP, new int[0], true, ""));
    return all;
  }

  private record Result(CaptureSummary summary, List<String> flows, List<String> observations) {}

  private static Result run(Path file, int workers) throws IOException {
    TestCaptures.Collector c = new TestCaptures.Collector();
    CaptureOptions options =
        CaptureOptions.defaults().withDissectors(dissectors()).withWorkers(workers);
    CaptureSummary s = TestCaptures.analyze(options, file, c);
    return new Result(
        s,
        c.flows.stream().map(Flow::toString).sorted().toList(),
        c.observations.stream().map(Observation::toString).sorted().toList());
  }

  @Test
  void shouldGiveTheSameFlowsObservationsAndCountsWithOneOrSeveralWorkers() throws IOException {
    List<Path> captures;
    try (Stream<Path> files = Files.walk(TestCaptures.data().resolve("pcaps"))) {
      captures = files.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(captures).hasSizeGreaterThan(40);
    long observations = 0;
    for (Path capture : captures) {
      Result one = run(capture, 1);
      for (int workers : new int[] {2, 3}) {
        Result many = run(capture, workers);
        String what = capture.getFileName() + " with " + workers + " workers";
        assertThat(many.flows()).as(what).isEqualTo(one.flows());
        assertThat(many.observations()).as(what).isEqualTo(one.observations());
        assertThat(many.summary()).as(what).isEqualTo(one.summary());
      }
      observations += one.observations().size();
    }
    assertThat(observations).as("the comparison covered dissector output").isGreaterThan(500);
  }
}
