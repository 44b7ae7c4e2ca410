package io.ward.server.inventory;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.server.TestStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Devices put into a store as if a capture had found them, without analysing one. */
public final class StoredDevices {
  private StoredDevices() {}

  /**
   * A device keyed by its MAC, seen once with one IP address, with the identity given ({@code
   * model} and {@code firmware} may be null) and nothing else observed.
   */
  public static Device device(
      String mac,
      String ip,
      String vendor,
      String model,
      String firmware,
      Category category,
      Criticality criticality,
      long seenNanos,
      List<Evidence> evidence) {
    return new Device(
        "mac:" + mac,
        Optional.of(MacAddress.parse(mac)),
        List.of(IpAddress.parse(ip)),
        List.of(),
        Set.of(),
        Optional.of(vendor),
        Optional.ofNullable(model),
        Optional.empty(),
        Optional.ofNullable(firmware),
        Optional.empty(),
        category,
        Optional.empty(),
        category.medical(),
        criticality,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        seenNanos,
        seenNanos,
        evidence);
  }

  /** The facts of a small synthetic capture; its content hash makes it a capture of its own. */
  public static CaptureFacts capture(String sha256) {
    return new CaptureFacts(
        sha256,
        sha256,
        "synthetic.pcap",
        100,
        "pcap",
        false,
        10,
        1000,
        1,
        1,
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /**
   * Merges the devices, without flows, as the synthetic capture {@code sha256} by {@code tester}.
   */
  public static MergeResult merge(TestStore store, String sha256, List<Device> devices) {
    return store
        .bean(InventoryWriter.class)
        .merge(capture(sha256), devices, List.of(), 0, "tester");
  }
}
