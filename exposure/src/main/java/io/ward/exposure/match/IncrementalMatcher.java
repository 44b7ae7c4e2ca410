package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Sbom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the findings of an inventory up to date as advisories and devices arrive: a new device is
 * matched alone; a new advisory re-matches only the devices that look up one of its keys. The
 * findings are always those a full re-match would give.
 */
public final class IncrementalMatcher {

  private final MatchIndex index;
  private final List<Sbom> sboms;
  private final Map<String, Device> devices = new LinkedHashMap<>();
  private final Map<String, Set<String>> devicesByKey = new HashMap<>();
  private final Map<String, Set<String>> keysByDevice = new HashMap<>();
  private final Map<String, List<Finding>> findings = new HashMap<>();

  /** Starts from an index (possibly empty) and the SBOMs known for device models. */
  public IncrementalMatcher(MatchIndex index, List<Sbom> sboms) {
    this.index = index;
    this.sboms = List.copyOf(sboms);
  }

  /** Adds or replaces a device and matches it; returns its findings. */
  public List<Finding> addDevice(Device device) {
    Set<String> old = keysByDevice.remove(device.id());
    if (old != null) {
      old.forEach(k -> devicesByKey.getOrDefault(k, new HashSet<>()).remove(device.id()));
    }
    Set<String> keys = index.keysOf(device, sboms);
    keysByDevice.put(device.id(), keys);
    keys.forEach(k -> devicesByKey.computeIfAbsent(k, x -> new HashSet<>()).add(device.id()));
    devices.put(device.id(), device);
    List<Finding> f = index.match(device, sboms);
    findings.put(device.id(), f);
    return f;
  }

  /** Adds an advisory and re-matches the devices it touches; returns their ids, sorted. */
  public Set<String> addAdvisory(Advisory advisory) {
    Set<String> touched = new TreeSet<>();
    for (String k : index.add(advisory)) {
      touched.addAll(devicesByKey.getOrDefault(k, Set.of()));
    }
    for (String id : touched) {
      findings.put(id, index.match(devices.get(id), sboms));
    }
    return touched;
  }

  /** The current findings of a device (empty when unknown). */
  public List<Finding> findingsOf(String deviceId) {
    return findings.getOrDefault(deviceId, List.of());
  }
}
