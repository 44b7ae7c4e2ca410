package io.ward.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The processes the capture benchmark times, in the order each round runs them. */
final class Contenders {

  static final String WARD_FULL = "ward-full";
  static final String WARD_DECODE_ONLY = "ward-decode-only";
  static final String WARD_TWO_WORKERS = "ward-full-2-workers";
  static final String WARD_FULL_LONG = "ward-full-2x-capture";
  static final String WARD_DECODE_ONLY_PCAPNG = "ward-decode-only-pcapng";
  static final String WARD_FULL_START = "ward-full-start";
  static final String TSHARK_FIELDS = "tshark-fields";
  static final String TSHARK_CONV = "tshark-conv-tcp";
  static final String NDPI = "ndpiReader";
  static final String HEADER_WALK = "java-header-walk";

  /** Ward exits 4 when it finished with warnings; the analysis still ran to the end. */
  private static final Set<Integer> WARD_OK = Set.of(0, 4);

  private static final Set<Integer> PEER_OK = Set.of(0);

  private Contenders() {}

  /**
   * Every contender of one benchmark.
   *
   * @param java the java launcher that runs Ward
   * @param wardJar the runnable Ward jar
   * @param pcap the capture of the requested size
   * @param longPcap the same device population simulated twice as long
   * @param pcapng the same packets as {@code pcap}, converted to pcapng
   * @param start the first packets of {@code pcap}
   */
  static List<Contender> all(
      Path java,
      Path wardJar,
      CaptureFile pcap,
      CaptureFile longPcap,
      CaptureFile pcapng,
      CaptureFile start) {
    List<Contender> all = new ArrayList<>();
    all.add(
        ward(
            WARD_FULL,
            "Ward full analysis (all dissectors, flows, inventory, JSON), 1 worker",
            java,
            wardJar,
            pcap,
            List.of("--workers", "1")));
    all.add(
        peer(
            TSHARK_FIELDS,
            "tshark field extraction (ip.src, ip.dst, tcp.dstport)",
            pcap,
            List.of(
                "tshark",
                "-r",
                path(pcap),
                "-T",
                "fields",
                "-e",
                "ip.src",
                "-e",
                "ip.dst",
                "-e",
                "tcp.dstport")));
    all.add(
        ward(
            WARD_DECODE_ONLY,
            "Ward decoding + flow table only (--decode-only), 1 worker",
            java,
            wardJar,
            pcap,
            List.of("--workers", "1", "--decode-only")));
    all.add(
        peer(
            TSHARK_CONV,
            "tshark TCP conversation table (-q -z conv,tcp)",
            pcap,
            List.of("tshark", "-r", path(pcap), "-q", "-z", "conv,tcp")));
    all.add(
        peer(
            HEADER_WALK,
            "plain Java header walk + flow table (io.ward.bench.HeaderWalk), the least work of any"
                + " Java decoder: the ceiling of the ratios",
            pcap,
            headerWalkCommand(java, pcap)));
    all.add(
        ward(
            WARD_TWO_WORKERS,
            "Ward full analysis, 2 workers (flows partitioned by hash)",
            java,
            wardJar,
            pcap,
            List.of("--workers", "2")));
    all.add(
        peer(
            NDPI,
            "nDPI classification (ndpiReader -q -i)",
            pcap,
            List.of("ndpiReader", "-q", "-i", path(pcap))));
    all.add(
        ward(
            WARD_FULL_LONG,
            "Ward full analysis, 1 worker, on the capture twice as long (same devices)",
            java,
            wardJar,
            longPcap,
            List.of("--workers", "1")));
    all.add(
        ward(
            WARD_DECODE_ONLY_PCAPNG,
            "Ward decoding + flow table only, 1 worker, same packets as pcapng",
            java,
            wardJar,
            pcapng,
            List.of("--workers", "1", "--decode-only")));
    all.add(
        ward(
            WARD_FULL_START,
            "Ward full analysis, 1 worker, on the first packets of the 1× capture only: the part of"
                + " its time that does not grow with the capture's length",
            java,
            wardJar,
            start,
            List.of("--workers", "1")));
    return List.copyOf(all);
  }

  /** The Ward command line for an analysis of {@code input} with extra {@code options}. */
  private static List<String> wardCommand(
      Path java, Path wardJar, CaptureFile input, List<String> options) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(wardJavaOptions());
    command.addAll(
        List.of("-jar", wardJar.toString(), "analyze", "--no-progress", "--json", "/dev/null"));
    command.addAll(options);
    command.add(path(input));
    return command;
  }

  /**
   * The JVM options Ward's processes run with: system property {@code ward.javaOptions}, which
   * {@code capture-bench.sh} sets to the {@code ward} launcher's defaults for an analysis, so that
   * the benchmark times Ward as a user runs it; none when unset.
   */
  static List<String> wardJavaOptions() {
    String options = System.getProperty("ward.javaOptions", "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /**
   * The header walk's command: the serial collector and the JVM's own compilers, and the same huge
   * pages as Ward's processes when they use them, so that the walk stays the ceiling it is meant to
   * be (huge pages took it from 0.54 to 0.44 s on the 1.5M-packet capture, 10 interleaved pairs).
   */
  static List<String> headerWalkCommand(Path java, CaptureFile pcap) {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:+UseSerialGC"));
    if (wardJavaOptions().contains(HUGE_PAGES)) {
      command.add(HUGE_PAGES);
    }
    command.addAll(List.of("-cp", benchClassPath(), HeaderWalk.class.getName(), path(pcap)));
    return command;
  }

  private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

  /** Where {@link HeaderWalk} is loaded from: the benchmark's own jar (or classes directory). */
  private static String benchClassPath() {
    try {
      return Path.of(HeaderWalk.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the benchmark's own class path: " + e.getMessage(), e);
    }
  }

  private static Contender ward(
      String id, String meaning, Path java, Path wardJar, CaptureFile input, List<String> options) {
    return new Contender(id, meaning, input, wardCommand(java, wardJar, input, options), WARD_OK);
  }

  private static Contender peer(
      String id, String meaning, CaptureFile input, List<String> command) {
    return new Contender(id, meaning, input, command, PEER_OK);
  }

  private static String path(CaptureFile capture) {
    return capture.path().toString();
  }
}
