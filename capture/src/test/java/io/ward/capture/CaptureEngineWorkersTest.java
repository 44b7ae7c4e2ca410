package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorRegistry;
import io.ward.model.Flow;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    return run(CaptureSource.ofPath(file), workers);
  }

  private static Result run(CaptureSource source, int workers) throws IOException {
    TestCaptures.Collector c = new TestCaptures.Collector();
    CaptureOptions options =
        CaptureOptions.defaults().withDissectors(dissectors()).withWorkers(workers);
    CaptureSummary s = new CaptureEngine(options).analyze(source, c, ProgressListener.NONE);
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
      // Files: each worker reads the whole file, up to FileScanWorkers.MAX_WORKERS; above it, and
      // for streams, one thread reads and hands packets over.
      for (int workers : new int[] {2, 3, FileScanWorkers.MAX_WORKERS + 1}) {
        assertSame(one, run(capture, workers), capture.getFileName() + ", " + workers + " workers");
      }
      try (InputStream in = Files.newInputStream(capture)) {
        Result streamed = run(CaptureSource.ofStream(in, capture.toString()), 2);
        assertSame(one, streamed, capture.getFileName() + " as a stream, 2 workers");
      }
      observations += one.observations().size();
    }
    assertThat(observations).as("the comparison covered dissector output").isGreaterThan(500);
  }

  @Test
  void shouldCountEachDamagedPacketOnceWhateverTheWorkers(@TempDir Path tmp) throws IOException {
    // Damaged packets of many flows, so that every worker owns some, and packets of no flow.
    Frames.Capture cap = new Frames.Capture();
    for (int port = 1000; port < 1064; port++) {
      byte[] badOffset = Frames.tcp(port, 80, 1, 0x18, new byte[8]);
      badOffset[12] = 0x30; // a data offset of 12 bytes, shorter than the TCP header
      cap.add(Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, ipv4(badOffset)));
      byte[] truncated = Frames.tcp(80, port, 1, 0x18, new byte[0]);
      truncated[12] = (byte) 0xF0; // 60 bytes of header announced, 20 present
      cap.add(Frames.eth(Frames.MAC_A, Frames.MAC_B, 0x0800, ipv4(truncated)));
      byte[] badIhl =
          Frames.ipv4(Frames.IP_A, Frames.IP_B, 6, Frames.tcp(port, 80, 1, 2, new byte[0]));
      badIhl[0] = 0x44;
      cap.add(Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, badIhl));
    }
    Path file = cap.write(tmp.resolve("damaged.pcap"));
    Result one = run(file, 1);
    assertThat(one.summary().anomalies())
        .containsEntry("tcp.bad_data_offset", 64L)
        .containsEntry("tcp.truncated", 64L)
        .containsEntry("ipv4.bad_header_length", 64L);
    for (int workers : new int[] {2, 3, FileScanWorkers.MAX_WORKERS + 1}) {
      assertSame(one, run(file, workers), workers + " workers");
    }
    try (InputStream in = Files.newInputStream(file)) {
      assertSame(one, run(CaptureSource.ofStream(in, file.toString()), 2), "a stream, 2 workers");
    }
  }

  private static byte[] ipv4(byte[] tcp) {
    return Frames.ipv4(Frames.IP_A, Frames.IP_B, 6, tcp);
  }

  private static void assertSame(Result one, Result many, String what) {
    assertThat(many.flows()).as(what).isEqualTo(one.flows());
    assertThat(many.observations()).as(what).isEqualTo(one.observations());
    assertThat(many.summary()).as(what).isEqualTo(one.summary());
  }
}
