package io.ward.inventory;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.IpNetwork;
import io.ward.model.Observation;
import java.util.List;
import java.util.Objects;

/**
 * Builds the device inventory of one analysis from observations and flow summaries. Input may
 * arrive in any order: the result depends only on what was fed. Not thread-safe; use one per
 * analysis.
 */
public final class InventoryBuilder {
  private final KnowledgeBase kb;
  private final InputStore store;

  /** A builder that interprets input with {@code kb}. */
  public InventoryBuilder(KnowledgeBase kb) {
    this.kb = Objects.requireNonNull(kb, "kb");
    this.store = new InputStore(kb);
  }

  /** Feeds one fact a dissector read off the wire. */
  public void observation(Observation o) {
    store.add(Objects.requireNonNull(o, "observation"));
  }

  /**
   * Feeds facts a dissector stated together about one endpoint, as feeding each as an observation
   * would (see {@link Facts}).
   */
  public void observations(long epochNanos, Endpoint subject, Facts facts) {
    store.add(
        epochNanos,
        Objects.requireNonNull(subject, "subject"),
        Objects.requireNonNull(facts, "facts"));
  }

  /** Feeds one finished flow. */
  public void flow(Flow f) {
    store.add(Objects.requireNonNull(f, "flow"));
  }

  /**
   * Adds everything {@code other} was fed, as if it had been fed here: how the input of one
   * analysis split over several builders (one per capture worker) comes together. {@code other}
   * must not be used afterwards.
   */
  public void merge(InventoryBuilder other) {
    store.merge(Objects.requireNonNull(other, "other").store);
  }

  /**
   * The devices seen so far, immutable and sorted by id, without the external endpoints (see {@link
   * #inventory}). May be called again after more input; each call recomputes from everything fed.
   */
  public List<Device> build() {
    return build(1);
  }

  /**
   * As {@link #build()}, assembling the devices on up to {@code threads} threads (this one
   * included); the result is the same for any number.
   */
  public List<Device> build(int threads) {
    return inventory(threads, List.of()).devices();
  }

  /**
   * The devices and the external endpoints seen so far, assembled on up to {@code threads} threads
   * (the result is the same for any number). An endpoint is external when its address is public, it
   * was only seen behind a router's MAC (never bound to a MAC of its own on the captured segment),
   * it lies in none of {@code internalNetworks}, and it spoke no clinical protocol: hospitals that
   * number their own network from public space keep their hosts as devices by declaring it, and a
   * host on the captured segment or one speaking HL7, DICOM, POCT1-A or ASTM stays a device anyway.
   * An address no frame tied to any MAC (a capture with no link layer for it) is external instead
   * when it talked with a private address or one in {@code internalNetworks} (see {@link
   * ExternalEndpoints}).
   */
  public Inventory inventory(int threads, List<IpNetwork> internalNetworks) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    return InventoryAssembly.build(kb, store, threads, List.copyOf(internalNetworks));
  }
}
