package io.ward.engine;

import io.ward.model.IpNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to run an analysis.
 *
 * @param workers capture worker threads (flows are partitioned by hash), and the threads that
 *     assemble the inventory's devices at the end
 * @param knowledgeDir a user directory of extra fingerprints, or empty for the bundled ones
 * @param maxListedConversations cap on the cleartext clinical conversations kept for the report
 * @param decodeOnly decode packets and build flows, but run no dissector (a baseline for speed)
 * @param internalNetworks address ranges of the hospital's own: a public address in one is a device
 *     even when only seen behind a router (see {@code InventoryBuilder#inventory})
 */
public record AnalysisOptions(
    int workers,
    Optional<Path> knowledgeDir,
    int maxListedConversations,
    boolean decodeOnly,
    List<IpNetwork> internalNetworks) {

  /** Options with no internal network declared. */
  public AnalysisOptions(
      int workers, Optional<Path> knowledgeDir, int maxListedConversations, boolean decodeOnly) {
    this(workers, knowledgeDir, maxListedConversations, decodeOnly, List.of());
  }

  public AnalysisOptions {
    internalNetworks = List.copyOf(internalNetworks);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    if (maxListedConversations < 0) {
      throw new IllegalArgumentException("maxListedConversations must not be negative");
    }
  }

  /** One worker, bundled knowledge, up to 1000 listed conversations. */
  public static AnalysisOptions defaults() {
    return new AnalysisOptions(1, Optional.empty(), 1000, false);
  }

  /** The same options with another worker count. */
  public AnalysisOptions withWorkers(int n) {
    return new AnalysisOptions(
        n, knowledgeDir, maxListedConversations, decodeOnly, internalNetworks);
  }

  /** The same options with a user knowledge directory. */
  public AnalysisOptions withKnowledgeDir(Optional<Path> dir) {
    return new AnalysisOptions(workers, dir, maxListedConversations, decodeOnly, internalNetworks);
  }

  /** The same options, decoding only (no dissectors) when {@code on}. */
  public AnalysisOptions withDecodeOnly(boolean on) {
    return new AnalysisOptions(workers, knowledgeDir, maxListedConversations, on, internalNetworks);
  }

  /** The same options with these address ranges declared internal. */
  public AnalysisOptions withInternalNetworks(List<IpNetwork> networks) {
    return new AnalysisOptions(workers, knowledgeDir, maxListedConversations, decodeOnly, networks);
  }
}
