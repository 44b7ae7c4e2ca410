package io.ward.exposure.match;

import io.ward.exposure.version.Interval;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indexed matcher. Advisory products are grouped by {@link ProductIdentity} (every statement on
 * {@code openssl:openssl} in one group), groups are filed under keys (purl, CPE vendor:product,
 * vendor plus identifying word or model-range prefix), and each statement's versions are intervals
 * of numeric codes on one {@link VersionLine}. A subject looks up only its own keys, decides
 * identity once per group with the same {@link PairEvaluator} as the {@link ReferenceMatcher}, and
 * tests its version against a group's statements with two long comparisons each.
 *
 * <p>Matching many devices goes through {@link #matchAll}: devices sharing vendor, model and
 * firmware are matched once, and every distinct (subject, version) once, on every core. Findings
 * (records with their explanations) are built per device on demand. Not thread-safe for writes;
 * reads may run in parallel once built.
 */
public final class MatchIndex implements DeviceMatcher {

  private static final ProductStatus[] STATUSES = ProductStatus.values();
  private static final MatchRule[] RULES = MatchRule.values();

  private final VendorAliases aliases;
  private final Symbols symbols = new Symbols();
  private final VersionLine line = new VersionLine();

  private final List<Advisory> advisories = new ArrayList<>();
  private int[] vulnBase = new int[1024];
  private int[] vulnCount = new int[1024];
  private final IntList findingKeys = new IntList(1024);
  private final Map<String, Integer> findingKeyIds = new HashMap<>();

  private int entries;
  private int[] entryAdvisory = new int[1024];
  private int[] entryProduct = new int[1024];
  private int[] entryGroup = new int[1024];
  private int[] entryStatusBase = new int[1024];
  private byte[] entryRule = new byte[1024];
  private byte[] statuses = new byte[1024];
  private int statusSize;
  private final Map<Integer, VersionRange> purlRanges = new HashMap<>();

  /** Entries that may only give "possibly affected" ({@link DerivedProducts#possiblyOnly}). */
  private final java.util.BitSet possiblyOnly = new java.util.BitSet();

  private final List<ProductGroup> groups = new ArrayList<>();
  private final Map<ProductIdentity, ProductGroup> groupByIdentity = new HashMap<>();
  private final LongIntMap keyToList = new LongIntMap(1 << 16);
  private final List<IntList> groupLists = new ArrayList<>();
  private int products;

  /**
   * Device subjects by observed vendor and model: identity and look-up keys, made once per index
   * (every fleet's devices share a few thousand models).
   */
  private final Map<DeviceKey, DeviceSubject> deviceSubjects =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The SBOM catalog of the last SBOM list seen by {@link #match}, reused while it is the same. */
  private volatile SbomCatalog lastCatalog;

  private MatchIndex(VendorAliases aliases) {
    this.aliases = aliases;
  }

  /** An index over these advisories; products are compiled on every core. */
  public static MatchIndex build(Collection<Advisory> advisories, VendorAliases aliases) {
    MatchIndex index = new MatchIndex(aliases);
    // The statements a CSAF advisory implies are filed with those it lists (DerivedProducts).
    List<Advisory> list = advisories.stream().map(DerivedProducts::expand).toList();
    IndexBuilder builder = new IndexBuilder(aliases);
    IndexBuilder.Compiled[] compiled = builder.compileAll(list);
    Map<ProductIdentity, ProductGroup> byInstance = new IdentityHashMap<>();
    Map<VersionReading, int[]> boundsByReading = new IdentityHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      index.file(list.get(i), compiled[i], byInstance, boundsByReading, false);
      compiled[i] = null;
    }
    index.line.order();
    index.groups.parallelStream()
        .forEach(
            g -> {
              g.code(index.line, 0);
              g.reindex();
            });
    return index;
  }

  /** Files one more advisory (its new versions keyed in place); returns what changed. */
  IndexChange addAdvisory(Advisory published) {
    Advisory advisory = DerivedProducts.expand(published);
    int firstEntry = entries;
    int groupsBefore = groups.size();
    int epoch = line.epoch();
    IndexBuilder.Compiled c = new IndexBuilder(aliases).compile(advisory);
    List<ProductGroup> touched =
        file(advisory, c, new IdentityHashMap<>(), new IdentityHashMap<>(), true);
    if (line.epoch() != epoch) {
      // Renumbered: every code (and every sorted index of codes) is stale.
      groups.forEach(
          g -> {
            g.code(line, 0);
            g.reindex();
          });
    } else {
      touched.forEach(ProductGroup::reindexIfGrown);
    }
    IntList existing = new IntList();
    IntList created = new IntList();
    for (ProductGroup g : touched) {
      if (g.id >= groupsBefore) {
        created.add(g.id);
      } else {
        existing.add(g.id);
      }
    }
    return new IndexChange(firstEntry, entries, existing.toArray(), created.toArray());
  }

  /** Files one more advisory. */
  public void add(Advisory advisory) {
    addAdvisory(advisory);
  }

  /** How many advisory products (version statements) are filed. */
  public int size() {
    return products;
  }

  /** How many distinct product identities (groups) the statements fall into. */
  public int identities() {
    return groups.size();
  }

  /** How many distinct versions bound the statements' ranges. */
  public int boundVersions() {
    return line.size();
  }

  @Override
  public List<Finding> match(Device device, List<Sbom> sboms) {
    Fleet fleet = new Fleet(this, catalog(sboms), false);
    fleet.register(List.of(device));
    return fleet.findingsOf(device.id());
  }

  /**
   * Matches every device: distinct (vendor, model, firmware) shapes and distinct (subject, version)
   * pairs once each, on every core. Findings are built per device on demand.
   */
  public FleetMatch matchAll(Collection<Device> devices, List<Sbom> sboms) {
    Fleet fleet = new Fleet(this, catalog(sboms), false);
    fleet.register(devices);
    return new FleetMatch(fleet);
  }

  /** The identity and look-up keys of a device with this vendor and model. */
  DeviceSubject deviceSubject(Optional<String> vendor, String model) {
    DeviceKey key = new DeviceKey(vendor, model);
    DeviceSubject s = deviceSubjects.get(key);
    if (s == null) {
      SubjectIdentity identity = SubjectIdentity.ofDevice(vendor, model, aliases);
      s = new DeviceSubject(identity, IndexKeys.lookups(identity, symbols));
      if (deviceSubjects.size() < DEVICE_SUBJECTS_LIMIT) {
        deviceSubjects.put(key, s);
      }
    }
    return s;
  }

  private static final int DEVICE_SUBJECTS_LIMIT = 1 << 20;

  /** A device's observed vendor and model. */
  record DeviceKey(Optional<String> vendor, String model) {
    @Override
    public int hashCode() {
      return Fleet.mix(vendor.hashCode(), model.hashCode(), 0);
    }
  }

  /** A device subject's identity and the keys it looks up. */
  record DeviceSubject(SubjectIdentity identity, long[] lookups) {}

  SbomCatalog catalog(List<Sbom> sboms) {
    SbomCatalog c = lastCatalog;
    if (c == null || !c.isFor(sboms)) {
      c = new SbomCatalog(sboms, aliases);
      lastCatalog = c;
    }
    return c;
  }

  /** Files the products of one advisory; returns the groups that received statements. */
  private List<ProductGroup> file(
      Advisory a,
      IndexBuilder.Compiled c,
      Map<ProductIdentity, ProductGroup> byInstance,
      Map<VersionReading, int[]> boundsByReading,
      boolean ordered) {
    int ai = advisories.size();
    advisories.add(a);
    if (ai == vulnBase.length) {
      vulnBase = Arrays.copyOf(vulnBase, ai * 2);
      vulnCount = Arrays.copyOf(vulnCount, ai * 2);
    }
    vulnBase[ai] = findingKeys.size();
    vulnCount[ai] = a.vulnerabilities().size();
    for (Vulnerability v : a.vulnerabilities()) {
      findingKeys.add(findingKey(a.id(), v.label()));
    }
    int nv = a.vulnerabilities().size();
    List<ProductGroup> touched = new ArrayList<>();
    List<AffectedProduct> ps = a.products();
    for (int pi = 0; pi < ps.size(); pi++) {
      ProductIdentity identity = c.identities()[pi];
      ProductGroup g = byInstance.get(identity);
      if (g == null) {
        g = group(identity);
        byInstance.put(identity, g);
      }
      if (touched.isEmpty() || !touched.contains(g)) {
        touched.add(g);
      }
      VersionReading r = c.readings()[pi];
      int e = newEntry(ai, pi, g.id, r.rule());
      if (DerivedProducts.possiblyOnly(ps.get(pi))) {
        possiblyOnly.set(e);
      }
      appendStatuses(c.statuses(), pi, nv);
      byte kind = kind(r);
      Optional<VersionRange> purlRange = purlRange(r, ps.get(pi), identity);
      if (purlRange.isPresent()) {
        kind |= ProductGroup.PURL_VERSION;
        purlRanges.put(e, purlRange.get());
      }
      int soleKey = nv == 1 ? findingKeys.last() : -1;
      g.addEntry(e, kind, soleKey, nv == 1 ? statuses[entryStatusBase[e]] : 0);
      if (kind == ProductGroup.RANGE) {
        int from = g.intervalCount();
        int[] bounds = ordered ? null : boundsByReading.get(r);
        List<Interval> intervals = r.range().get().intervals();
        if (bounds == null) {
          bounds = new int[intervals.size() * 2];
          for (int k = 0; k < intervals.size(); k++) {
            bounds[2 * k] = bound(intervals.get(k).lower(), ordered);
            bounds[2 * k + 1] = bound(intervals.get(k).upper(), ordered);
          }
          if (!ordered) {
            boundsByReading.put(r, bounds);
          }
        }
        for (int k = 0; k < intervals.size(); k++) {
          Interval in = intervals.get(k);
          g.addInterval(bounds[2 * k], in.lowerInclusive(), bounds[2 * k + 1], in.upperInclusive());
        }
        if (ordered) {
          g.code(line, from);
        }
      }
      products++;
    }
    return touched;
  }

  private int bound(Optional<Version> v, boolean ordered) {
    if (v.isEmpty()) {
      return -1;
    }
    return ordered ? line.internOrdered(v.get()) : line.intern(v.get());
  }

  private static byte kind(VersionReading r) {
    if (r.range().isEmpty()) {
      return r.unreadable() ? ProductGroup.UNREADABLE : ProductGroup.NO_STATEMENT;
    }
    return r.range().get().isAll() ? ProductGroup.ALL : ProductGroup.RANGE;
  }

  /** A purl match reads the purl's version when the product states none (see PairEvaluator). */
  private static Optional<VersionRange> purlRange(
      VersionReading r, AffectedProduct p, ProductIdentity identity) {
    if (r.range().isPresent() || identity.purlKeys().isEmpty()) {
      return Optional.empty();
    }
    return ProductIdentity.purlVersion(p).map(v -> VersionRange.exactly(Version.parse(v)));
  }

  private ProductGroup group(ProductIdentity identity) {
    ProductGroup g = groupByIdentity.get(identity);
    if (g != null) {
      return g;
    }
    g = new ProductGroup(groups.size(), identity, IndexKeys.of(identity, symbols));
    groups.add(g);
    groupByIdentity.put(identity, g);
    for (long k : g.keys) {
      int list = keyToList.get(k);
      if (list == LongIntMap.MISSING) {
        list = groupLists.size();
        groupLists.add(new IntList(2));
        keyToList.put(k, list);
      }
      groupLists.get(list).add(g.id);
    }
    return g;
  }

  private int findingKey(String advisoryId, String label) {
    String k = advisoryId + '\u0000' + label;
    Integer id = findingKeyIds.get(k);
    if (id == null) {
      id = findingKeyIds.size();
      findingKeyIds.put(k, id);
    }
    return id;
  }

  private int newEntry(int advisory, int product, int group, MatchRule rule) {
    int e = entries++;
    if (e == entryAdvisory.length) {
      int n = e * 2;
      entryAdvisory = Arrays.copyOf(entryAdvisory, n);
      entryProduct = Arrays.copyOf(entryProduct, n);
      entryGroup = Arrays.copyOf(entryGroup, n);
      entryStatusBase = Arrays.copyOf(entryStatusBase, n);
      entryRule = Arrays.copyOf(entryRule, n);
    }
    entryAdvisory[e] = advisory;
    entryProduct[e] = product;
    entryGroup[e] = group;
    entryRule[e] = (byte) rule.ordinal();
    entryStatusBase[e] = statusSize;
    return e;
  }

  private void appendStatuses(byte[] table, int product, int nv) {
    if (statusSize + nv > statuses.length) {
      statuses = Arrays.copyOf(statuses, Math.max(statuses.length * 2, statusSize + nv));
    }
    System.arraycopy(table, product * nv, statuses, statusSize, nv);
    statusSize += nv;
  }

  // ---- reads for the fleet -------------------------------------------------------------------

  Symbols symbols() {
    return symbols;
  }

  VersionLine line() {
    return line;
  }

  ProductGroup group(int id) {
    return groups.get(id);
  }

  /** The groups filed under a key, or null. */
  IntList groupsFor(long key) {
    int list = keyToList.get(key);
    return list == LongIntMap.MISSING ? null : groupLists.get(list);
  }

  Advisory advisoryOf(int entry) {
    return advisories.get(entryAdvisory[entry]);
  }

  AffectedProduct productOf(int entry) {
    return advisoryOf(entry).products().get(entryProduct[entry]);
  }

  int groupOf(int entry) {
    return entryGroup[entry];
  }

  MatchRule ruleOf(int entry) {
    return RULES[entryRule[entry]];
  }

  int vulnCount(int entry) {
    return vulnCount[entryAdvisory[entry]];
  }

  /** The product status with this code (ordinal + 1), or null for 0. */
  static ProductStatus statusOfCode(int code) {
    return code == 0 ? null : STATUSES[code - 1];
  }

  /** The product status vulnerability {@code vuln} gives the entry, or null. */
  ProductStatus status(int entry, int vuln) {
    int s = statuses[entryStatusBase[entry] + vuln];
    return s == 0 ? null : STATUSES[s - 1];
  }

  /** The finding key (advisory id and vulnerability label) of an entry's vulnerability. */
  int findingKey(int entry, int vuln) {
    return findingKeys.get(vulnBase[entryAdvisory[entry]] + vuln);
  }

  /** How many finding keys (advisory id and vulnerability label) there are. */
  int findingKeyCount() {
    return findingKeyIds.size();
  }

  /** The identity match of a subject with the group of {@code entry}, capped for the entry. */
  IdentityMatch matchFor(IdentityMatch groupMatch, int entry) {
    return possiblyOnly.get(entry)
        ? groupMatch.atMost(DerivedProducts.POSSIBLY_CONFIDENCE)
        : groupMatch;
  }

  /** The purl version range of an entry flagged {@link ProductGroup#PURL_VERSION}. */
  VersionRange purlRange(int entry) {
    return purlRanges.get(entry);
  }

  /** What an index change added: entries {@code [firstEntry, endEntry)} and the groups. */
  record IndexChange(int firstEntry, int endEntry, int[] touchedGroups, int[] createdGroups) {}
}
