package io.ward.exposure.cmdb;

import io.ward.exposure.match.VendorAliases;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.exposure.CmdbAsset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges CMMS/CMDB assets with observed devices. Each asset looks for its device by MAC, then IP,
 * then serial, then host name: the first identifier that names exactly one device decides, but
 * never against a stronger one (a device found by IP with another MAC, or with another serial, is
 * not the asset's). Stronger ties are settled first; a second row naming a device already claimed
 * is reported, not merged. Assets no device matches are kept as not observed, and those with a
 * manufacturer and model become devices of their own so that advisories still reach them.
 */
public final class CmdbMerger {

  private static final CmdbMatchKey[] KEYS = CmdbMatchKey.values();

  private final VendorAliases aliases;

  /** A merger with Ward's vendor alias table. */
  public CmdbMerger() {
    this(VendorAliases.defaults());
  }

  /** A merger with the given vendor alias table. */
  public CmdbMerger(VendorAliases aliases) {
    this.aliases = aliases;
  }

  /** Merges the assets into the observed devices. */
  public CmdbMergeResult merge(List<Device> observed, List<CmdbAsset> assets) {
    Identifiers ids = new Identifiers(observed);
    List<Claim> claims = new ArrayList<>();
    List<CmdbConflict> rowConflicts = new ArrayList<>();
    List<CmdbAsset> notObserved = new ArrayList<>();
    for (int i = 0; i < assets.size(); i++) {
      CmdbAsset a = assets.get(i);
      Attempt attempt = claim(a, i, observed, ids);
      attempt.claim.ifPresent(claims::add);
      attempt.ambiguity.ifPresent(rowConflicts::add);
      if (attempt.claim.isEmpty() && attempt.ambiguity.isEmpty()) {
        notObserved.add(a);
      }
    }
    claims.sort(Comparator.comparing(Claim::key).thenComparingInt(Claim::order));
    Map<Integer, Claim> byDevice = new HashMap<>();
    for (Claim c : claims) {
      Claim first = byDevice.putIfAbsent(c.device, c);
      if (first != null) {
        Device d = observed.get(c.device);
        rowConflicts.add(
            new CmdbConflict(
                CmdbConflict.Kind.DUPLICATE_ASSET,
                Optional.of(d.id()),
                AssetLabels.of(c.asset),
                AssetLabels.source(c.asset),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                AssetLabels.of(c.asset)
                    + " names device "
                    + d.id()
                    + " by "
                    + c.key.id()
                    + ", already claimed by "
                    + AssetLabels.of(first.asset)
                    + " ("
                    + AssetLabels.source(first.asset)
                    + "): one of the two rows is a duplicate"));
      }
    }
    AssetEnricher enricher = new AssetEnricher(aliases);
    List<MergedDevice> merged = new ArrayList<>(observed.size());
    List<CmdbConflict> conflicts = new ArrayList<>();
    for (int i = 0; i < observed.size(); i++) {
      Claim c = byDevice.get(i);
      if (c == null) {
        merged.add(
            new MergedDevice(
                observed.get(i), Optional.empty(), Optional.empty(), Map.of(), List.of()));
      } else {
        MergedDevice m = enricher.merge(observed.get(i), c.asset, c.key);
        merged.add(m);
        conflicts.addAll(m.conflicts());
      }
    }
    conflicts.addAll(rowConflicts);
    List<UnobservedAsset> unobserved = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    observed.forEach(d -> used.add(d.id()));
    for (CmdbAsset a : notObserved) {
      unobserved.add(
          new UnobservedAsset(
              a,
              a.manufacturer().isPresent() && a.model().isPresent()
                  ? Optional.of(unobservedDevice(a, used))
                  : Optional.empty()));
    }
    return new CmdbMergeResult(merged, unobserved, conflicts);
  }

  /**
   * The device an asset claims, if one identifier names exactly one device; else the ambiguity, if
   * an identifier named several.
   */
  private Attempt claim(CmdbAsset a, int order, List<Device> observed, Identifiers ids) {
    List<Integer> ambiguous = List.of();
    CmdbMatchKey ambiguousKey = null;
    for (CmdbMatchKey key : KEYS) {
      List<Integer> found = new ArrayList<>();
      for (int i : ids.lookup(a, key)) {
        if (!contradicts(a, observed.get(i), key)) {
          found.add(i);
        }
      }
      if (found.size() == 1) {
        return new Attempt(Optional.of(new Claim(a, order, found.get(0), key)), Optional.empty());
      }
      if (found.size() > 1 && ambiguous.isEmpty()) {
        ambiguous = found;
        ambiguousKey = key;
      }
    }
    if (ambiguous.isEmpty()) {
      return new Attempt(Optional.empty(), Optional.empty());
    }
    List<String> names = ambiguous.stream().map(i -> observed.get(i).id()).toList();
    return new Attempt(
        Optional.empty(),
        Optional.of(
            new CmdbConflict(
                CmdbConflict.Kind.AMBIGUOUS,
                Optional.empty(),
                AssetLabels.of(a),
                AssetLabels.source(a),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                AssetLabels.of(a)
                    + ": its "
                    + ambiguousKey.id()
                    + " names "
                    + names.size()
                    + " devices ("
                    + String.join(", ", names)
                    + ") and no other identifier decides; not merged")));
  }

  /** True when a device found by a weaker key disagrees with the asset on a stronger one. */
  private static boolean contradicts(CmdbAsset a, Device d, CmdbMatchKey key) {
    if (key != CmdbMatchKey.MAC
        && a.mac().isPresent()
        && d.mac().isPresent()
        && !a.mac().get().equals(d.mac().get())) {
      return true;
    }
    return key != CmdbMatchKey.SERIAL
        && a.serial().isPresent()
        && d.serial().isPresent()
        && !Identifiers.serial(a.serial().get()).equals(Identifiers.serial(d.serial().get()));
  }

  /** An asset nobody saw, as a device known only from the CMDB. */
  private static Device unobservedDevice(CmdbAsset a, Set<String> used) {
    String base =
        "cmdb:"
            + a.assetTag()
                .or(a::serial)
                .or(() -> a.mac().map(Object::toString))
                .or(() -> a.hostname())
                .orElse("line-" + a.line());
    String id = base;
    for (int n = 2; !used.add(id); n++) {
      id = base + "#" + n;
    }
    List<Evidence> evidence = new ArrayList<>();
    add(evidence, "vendor", a.manufacturer(), "manufacturer");
    add(evidence, "model", a.model(), "model");
    add(evidence, "firmware", a.softwareVersion(), "softwareVersion");
    add(evidence, "serial", a.serial(), "serial");
    add(evidence, "hostname", a.hostname(), "hostname");
    add(evidence, "assetTag", a.assetTag(), "assetTag");
    add(evidence, "department", a.department(), "department");
    add(evidence, "location", a.location(), "location");
    return new Device(
        id,
        a.mac(),
        a.ip().map(List::of).orElse(List.of()),
        a.hostname().map(List::of).orElse(List.of()),
        Set.of(),
        a.manufacturer(),
        a.model(),
        Optional.empty(),
        a.softwareVersion(),
        a.serial(),
        Category.UNKNOWN,
        Optional.empty(),
        false,
        Criticality.MEDIUM,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        0L,
        0L,
        evidence);
  }

  private static void add(List<Evidence> out, String attribute, Optional<String> v, String field) {
    v.ifPresent(
        x ->
            out.add(
                new Evidence(
                    attribute,
                    x,
                    "cmdb:" + field,
                    x,
                    Optional.empty(),
                    AssetEnricher.CMDB_CONFIDENCE,
                    0L)));
  }

  /** What one asset's look-up gave: a claim, or an ambiguity, or neither (not observed). */
  private record Attempt(Optional<Claim> claim, Optional<CmdbConflict> ambiguity) {}

  /** An asset's claim on a device, by one identifier. */
  private record Claim(CmdbAsset asset, int order, int device, CmdbMatchKey key) {}
}
