package io.ward.exposure.cmdb;

import io.ward.exposure.match.VendorAliases;
import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Merges one CMDB asset into one observed device. What the network did not show is taken from the
 * CMDB; what both know is compared: agreement adds the CMDB as supporting evidence, disagreement
 * keeps the network's value (it is what the device runs now; CMDBs go stale) and records a conflict
 * with the CMDB's value as losing evidence. Every CMDB value enters as evidence with source {@code
 * cmdb:<field>}.
 */
final class AssetEnricher {

  /** How much a hand-kept CMDB value is trusted. */
  static final double CMDB_CONFIDENCE = 0.7;

  private final VendorAliases aliases;

  AssetEnricher(VendorAliases aliases) {
    this.aliases = aliases;
  }

  MergedDevice merge(Device d, CmdbAsset a, CmdbMatchKey key) {
    Work w = new Work(d, a);
    w.vendor = text(d.vendor(), a.manufacturer(), "vendor", "manufacturer", w, this::sameVendor);
    w.model = text(d.model(), a.model(), "model", "model", w, AssetEnricher::sameModel);
    w.firmware =
        text(
            d.firmware(),
            a.softwareVersion(),
            "firmware",
            "softwareVersion",
            w,
            AssetEnricher::sameVersion);
    w.serial = text(d.serial(), a.serial(), "serial", "serial", w, AssetEnricher::sameSerial);
    hostname(w);
    mac(w);
    ip(w);
    Map<String, String> fields = new LinkedHashMap<>();
    a.assetTag().ifPresent(v -> fields.put("assetTag", v));
    a.department().ifPresent(v -> fields.put("department", v));
    a.location().ifPresent(v -> fields.put("location", v));
    a.extra().forEach(fields::putIfAbsent);
    a.assetTag().ifPresent(v -> w.evidence("assetTag", v, "assetTag"));
    a.department().ifPresent(v -> w.evidence("department", v, "department"));
    a.location().ifPresent(v -> w.evidence("location", v, "location"));
    Device merged =
        new Device(
            d.id(),
            w.mac,
            w.ips,
            w.hostnames,
            d.vlans(),
            w.vendor,
            w.model,
            d.os(),
            w.firmware,
            w.serial,
            d.category(),
            d.modality(),
            d.medical(),
            d.criticality(),
            d.protocolsAsClient(),
            d.protocolsAsServer(),
            d.aeTitles(),
            d.hl7Applications(),
            d.firstSeenEpochNanos(),
            d.lastSeenEpochNanos(),
            w.evidence,
            d.software());
    return new MergedDevice(merged, Optional.of(a), Optional.of(key), fields, w.conflicts);
  }

  /** How one text attribute merges; returns the attribute's value after the merge. */
  private Optional<String> text(
      Optional<String> seen,
      Optional<String> recorded,
      String attribute,
      String field,
      Work w,
      Same same) {
    if (recorded.isEmpty()) {
      return seen;
    }
    String r = recorded.get();
    w.evidence(attribute, r, field);
    if (seen.isEmpty()) {
      return recorded;
    }
    if (same.test(seen.get(), r)) {
      return seen;
    }
    // Conflicting evidence is resolved by confidence, as the inventory resolves its own: a value
    // the network shows only weakly (a vendor from the MAC's OUI, often the maker of the network
    // module rather than of the device) yields to the hand-kept record; the conflict stays listed.
    Optional<Evidence> observed = strongest(w.device, attribute, seen.get());
    boolean recordWins = observed.isPresent() && observed.get().confidence() < CMDB_CONFIDENCE;
    String message = conflictMessage(attribute, w.asset, seen.get(), r);
    if (recordWins) {
      message +=
          String.format(
              Locale.ROOT,
              "; Ward uses the CMDB's value, the network's evidence being weaker (%s, %.2f)",
              observed.get().source(),
              observed.get().confidence());
    }
    w.conflict(kind(attribute), seen.get(), observed.map(Evidence::source), r, message);
    return recordWins ? recorded : seen;
  }

  /** The strongest evidence for the value the device shows, if it has any. */
  static Optional<Evidence> strongest(Device d, String attribute, String value) {
    return d.evidence().stream()
        .filter(e -> e.attribute().equals(attribute) && e.value().equals(value))
        .max(Comparator.comparingDouble(Evidence::confidence));
  }

  private static String conflictMessage(String attribute, CmdbAsset a, String seen, String r) {
    String label = AssetLabels.of(a);
    switch (attribute) {
      case "firmware":
        return "the CMDB records software version "
            + r
            + " for "
            + label
            + " but the network shows firmware "
            + seen
            + ": update the CMDB or check the device";
      case "serial":
        return "the CMDB serial "
            + r
            + " of "
            + label
            + " differs from "
            + seen
            + " seen on the network";
      default:
        return "the CMDB says "
            + attribute
            + " "
            + r
            + " for "
            + label
            + ", the network shows "
            + seen;
    }
  }

  private void hostname(Work w) {
    if (w.asset.hostname().isEmpty()) {
      return;
    }
    String h = w.asset.hostname().get();
    w.evidence("hostname", h, "hostname");
    String key = Identifiers.host(h);
    if (w.hostnames.isEmpty()) {
      w.hostnames = List.of(h);
    } else if (w.hostnames.stream().map(Identifiers::host).noneMatch(key::equals)) {
      w.conflict(
          CmdbConflict.Kind.HOSTNAME,
          String.join(", ", w.hostnames),
          strongest(w.device, "hostname", w.hostnames.get(0)).map(Evidence::source),
          h,
          "the CMDB host name "
              + h
              + " of "
              + AssetLabels.of(w.asset)
              + " is not one the device used ("
              + String.join(", ", w.hostnames)
              + ")");
    }
  }

  private void mac(Work w) {
    if (w.asset.mac().isEmpty()) {
      return;
    }
    MacAddress m = w.asset.mac().get();
    if (w.mac.isEmpty()) {
      w.mac = Optional.of(m);
      w.evidence("mac", m.toString(), "mac");
    } else if (!w.mac.get().equals(m)) {
      w.conflict(
          CmdbConflict.Kind.MAC,
          w.mac.get().toString(),
          Optional.of("network"),
          m.toString(),
          "the CMDB MAC address "
              + m
              + " of "
              + AssetLabels.of(w.asset)
              + " is not the device's "
              + w.mac.get()
              + " (a replaced network card, or the wrong row)");
    }
  }

  private void ip(Work w) {
    if (w.asset.ip().isEmpty()) {
      return;
    }
    IpAddress ip = w.asset.ip().get();
    if (w.ips.isEmpty()) {
      w.ips = List.of(ip);
      w.evidence("ip", ip.toString(), "ip");
    } else if (!w.ips.contains(ip)) {
      w.conflict(
          CmdbConflict.Kind.IP,
          w.ips.stream().map(IpAddress::toString).reduce((x, y) -> x + ", " + y).orElse(""),
          Optional.of("network"),
          ip.toString(),
          "the CMDB IP address "
              + ip
              + " of "
              + AssetLabels.of(w.asset)
              + " is not one the device used");
    }
  }

  private static CmdbConflict.Kind kind(String attribute) {
    switch (attribute) {
      case "vendor":
        return CmdbConflict.Kind.VENDOR;
      case "model":
        return CmdbConflict.Kind.MODEL;
      case "firmware":
        return CmdbConflict.Kind.FIRMWARE;
      default:
        return CmdbConflict.Kind.SERIAL;
    }
  }

  private boolean sameVendor(String a, String b) {
    return aliases.canonical(a).equals(aliases.canonical(b));
  }

  /**
   * Same model: equal once normalised, one within the other ("MX450" in "IntelliVue MX450"), or a
   * shared model number (a word with a digit, three characters or more).
   */
  static boolean sameModel(String a, String b) {
    String x = words(a);
    String y = words(b);
    if (x.isEmpty() || y.isEmpty()) {
      return x.equals(y);
    }
    if (x.equals(y)
        || (" " + x + " ").contains(" " + y + " ")
        || (" " + y + " ").contains(" " + x + " ")) {
      return true;
    }
    for (String w : x.split(" ")) {
      if (w.length() >= 3 && w.chars().anyMatch(Character::isDigit)) {
        for (String v : y.split(" ")) {
          if (v.equals(w)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean sameVersion(String a, String b) {
    return Version.parse(a).equals(Version.parse(b));
  }

  static boolean sameSerial(String a, String b) {
    return Identifiers.serial(a).equals(Identifiers.serial(b));
  }

  /** Lower case, runs of anything but letters and digits as one space. */
  static String words(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        out.append(c);
        space = false;
      } else {
        space = true;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** A comparison of two values of one attribute. */
  @FunctionalInterface
  private interface Same {
    boolean test(String seen, String recorded);
  }

  /** The state of one merge. */
  private static final class Work {
    final Device device;
    final CmdbAsset asset;
    final List<Evidence> evidence;
    final List<CmdbConflict> conflicts = new ArrayList<>();
    Optional<String> vendor;
    Optional<String> model;
    Optional<String> firmware;
    Optional<String> serial;
    Optional<MacAddress> mac;
    List<IpAddress> ips;
    List<String> hostnames;

    Work(Device d, CmdbAsset a) {
      this.device = d;
      this.asset = a;
      this.evidence = new ArrayList<>(d.evidence());
      this.mac = d.mac();
      this.ips = d.ips();
      this.hostnames = d.hostnames();
    }

    void evidence(String attribute, String value, String field) {
      evidence.add(
          new Evidence(
              attribute,
              value,
              "cmdb:" + field,
              value,
              Optional.empty(),
              CMDB_CONFIDENCE,
              device.firstSeenEpochNanos()));
    }

    void conflict(
        CmdbConflict.Kind kind,
        String observed,
        Optional<String> observedSource,
        String recorded,
        String message) {
      conflicts.add(
          new CmdbConflict(
              kind,
              Optional.of(device.id()),
              AssetLabels.of(asset),
              AssetLabels.source(asset),
              Optional.of(observed),
              observedSource,
              Optional.of(recorded),
              message));
    }
  }
}
