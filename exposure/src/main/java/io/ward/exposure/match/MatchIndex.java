package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Sbom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indexed matcher: advisory products are filed under keys (purl, CPE vendor:product, vendor
 * plus each identifying word or model-range prefix), a subject looks up only its own keys, and each
 * candidate pair is decided by the same {@link PairEvaluator} as the {@link ReferenceMatcher}.
 * Adding an advisory files its products; {@link #keysOf(Advisory)} and {@link #keysOf(Device,
 * List)} tell which devices an advisory touches, for incremental re-matching. Not thread-safe for
 * writes; reads may run in parallel once built.
 */
public final class MatchIndex implements DeviceMatcher {

  private final Map<String, List<ProductEntry>> byKey = new HashMap<>();
  private final VendorAliases aliases;
  private int products;

  private MatchIndex(VendorAliases aliases) {
    this.aliases = aliases;
  }

  /** An index over these advisories. */
  public static MatchIndex build(Collection<Advisory> advisories, VendorAliases aliases) {
    MatchIndex index = new MatchIndex(aliases);
    advisories.forEach(index::add);
    return index;
  }

  /** Files one more advisory; returns the keys its products were filed under. */
  public Set<String> add(Advisory advisory) {
    Set<String> keys = new LinkedHashSet<>();
    for (AffectedProduct p : advisory.products()) {
      ProductEntry e = ProductEntry.of(advisory, p, aliases);
      for (String k : keys(e)) {
        byKey.computeIfAbsent(k, x -> new ArrayList<>(2)).add(e);
        keys.add(k);
      }
      products++;
    }
    return keys;
  }

  /** How many advisory products are filed. */
  public int size() {
    return products;
  }

  /** The keys an advisory's products are filed under. */
  public Set<String> keysOf(Advisory advisory) {
    Set<String> keys = new LinkedHashSet<>();
    for (AffectedProduct p : advisory.products()) {
      keys.addAll(keys(ProductEntry.of(advisory, p, aliases)));
    }
    return keys;
  }

  /** The keys a device (and its SBOM components) looks up. */
  public Set<String> keysOf(Device device, List<Sbom> sboms) {
    Set<String> keys = new LinkedHashSet<>();
    for (Subject s : Subjects.of(device, sboms, aliases)) {
      keys.addAll(lookups(s));
    }
    return keys;
  }

  @Override
  public List<Finding> match(Device device, List<Sbom> sboms) {
    List<Finding> all = new ArrayList<>();
    for (Subject s : Subjects.of(device, sboms, aliases)) {
      Set<ProductEntry> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (String k : lookups(s)) {
        for (ProductEntry e : byKey.getOrDefault(k, List.of())) {
          if (seen.add(e)) {
            PairEvaluator.evaluate(s, e)
                .ifPresent(hit -> all.addAll(FindingAssembler.findings(s, e, hit)));
          }
        }
      }
    }
    return FindingAssembler.dedupe(all);
  }

  /** Keys a product is filed under. */
  static Set<String> keys(ProductEntry e) {
    Set<String> keys = new LinkedHashSet<>();
    keys.addAll(e.purlKeys());
    keys.addAll(e.cpeKeys());
    for (String t : e.tokens()) {
      keys.add("n|" + e.vendorId() + "|" + t);
      keys.add("n|*|" + t);
    }
    for (Names.ModelRange r : e.ranges()) {
      keys.add("r|" + e.vendorId() + "|" + r.prefix());
      keys.add("r|*|" + r.prefix());
    }
    return keys;
  }

  /** Keys a subject looks up: every pair {@link PairEvaluator} can accept shares one. */
  static Set<String> lookups(Subject s) {
    Set<String> keys = new LinkedHashSet<>();
    s.purlKey().ifPresent(keys::add);
    s.cpeKey().ifPresent(keys::add);
    List<String> vendors = s.vendorId().isEmpty() ? List.of("*") : List.of(s.vendorId(), "");
    for (String v : vendors) {
      for (String t : s.tokens()) {
        keys.add("n|" + v + "|" + t);
        int i = 0;
        while (i < t.length() && Character.isLetter(t.charAt(i))) {
          i++;
        }
        if (i > 0 && i < t.length()) {
          keys.add("r|" + v + "|" + t.substring(0, i));
        }
      }
    }
    return keys;
  }
}
