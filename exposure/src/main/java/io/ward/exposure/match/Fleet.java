package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.Software;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The devices of an inventory as the index sees them: devices grouped by shape (vendor, model,
 * firmware as observed), each shape's subjects (the device and its SBOM components), each distinct
 * subject identity once ({@link SubjectNode}) and each distinct (identity, version) result once
 * ({@link SubjectResult}). Registration is sequential; deciding candidates and computing results
 * runs on every core. In incremental mode it also keeps who looks up which key and who matched
 * which group, so a new advisory re-matches only those.
 */
final class Fleet {

  private final MatchIndex index;
  private final SbomCatalog catalog;
  private final boolean incremental;
  private final ResultComputer computer;
  private final FindingTemplates templates;

  /** Changes when results change (a new advisory): shapes' ordered templates are then remade. */
  private int epoch;

  private final Map<ShapeKey, Shape> shapes = new HashMap<>();
  private final Map<String, Placed> devices = new LinkedHashMap<>();
  private final Map<SubjectIdentity, SubjectNode> nodes = new HashMap<>();
  private final List<SubjectNode> nodeList = new ArrayList<>();
  private final Map<DeviceKey, SubjectNode> deviceNodes = new HashMap<>();
  private SubjectNode[] componentNodes = new SubjectNode[0];

  private final List<SubjectNode> pendingNodes = new ArrayList<>();
  private final List<SubjectResult> pendingResults = new ArrayList<>();
  private SubjectRef[][] sbomRefs = new SubjectRef[0][];
  private final Map<SbomKey, SbomSet> sbomSets = new HashMap<>();

  /** Incremental mode: nodes by the keys they look up, and by the groups they matched. */
  private final LongIntMap nodesByKey = new LongIntMap(1024);

  private final List<IntList> nodeLists = new ArrayList<>();
  private final Map<Integer, IntList> nodesByGroup = new HashMap<>();

  Fleet(MatchIndex index, SbomCatalog catalog, boolean incremental) {
    this.index = index;
    this.catalog = catalog;
    this.incremental = incremental;
    this.computer = new ResultComputer(index);
    this.templates = new FindingTemplates(index);
  }

  // ---- registration ---------------------------------------------------------------------------

  /** Adds (or replaces) devices and computes whatever new subjects they bring, on every core. */
  void register(Collection<Device> ds) {
    for (Device d : ds) {
      Shape s = shape(d);
      Placed old = devices.put(d.id(), new Placed(d, s));
      if (old != null) {
        old.shape.devices.remove(old.device);
      }
      s.devices.add(d);
    }
    resolve();
  }

  private void resolve() {
    List<SubjectNode> ns = new ArrayList<>(pendingNodes);
    pendingNodes.clear();
    parallel(ns.size(), i -> ns.get(i).computeCandidates(index));
    if (incremental) {
      ns.forEach(this::remember);
    }
    List<SubjectResult> rs = new ArrayList<>(pendingResults);
    pendingResults.clear();
    parallel(rs.size(), i -> computer.compute(rs.get(i)));
  }

  private static void parallel(int n, java.util.function.IntConsumer task) {
    if (n < 64) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
    } else {
      java.util.stream.IntStream.range(0, n).parallel().forEach(task);
    }
  }

  private Shape shape(Device d) {
    Optional<String> vendor = Subjects.modelVendor(d);
    List<Software> software = Subjects.software(d);
    ShapeKey key = new ShapeKey(vendor, d.model(), d.firmware(), softwareKeys(software));
    Shape s = shapes.get(key);
    if (s != null) {
      return s;
    }
    SubjectRef self = null;
    SbomSet sboms = NO_SBOMS;
    if (d.model().isPresent()) {
      SubjectNode node = deviceNode(vendor, d.model().get());
      Optional<Version> fw = Subjects.firmware(d);
      sboms =
          sbomSets.computeIfAbsent(
              new SbomKey(node.identity.vendorId(), node.identity.normalizedModel(), d.firmware()),
              this::sbomSet);
      self =
          new SubjectRef(
              "model",
              d.model().get(),
              fw,
              "firmware",
              Optional.empty(),
              true,
              node,
              result(node, fw));
    }
    s = new Shape(self, softwareRefs(software), sboms);
    if (incremental) {
      for (SubjectRef r : s.refs()) {
        r.result.shapes.add(s);
      }
    }
    shapes.put(key, s);
    return s;
  }

  /** The software items' subjects: each a vendor and product, matched as a device model is. */
  private SubjectRef[] softwareRefs(List<Software> software) {
    SubjectRef[] refs = new SubjectRef[software.size()];
    for (int i = 0; i < refs.length; i++) {
      Software sw = software.get(i);
      SubjectNode node = deviceNode(sw.vendor(), sw.product());
      Optional<Version> version = sw.version().flatMap(Version::tryParse);
      refs[i] =
          new SubjectRef(
              Subjects.attribute(sw),
              sw.product(),
              version,
              "version",
              Optional.empty(),
              false,
              node,
              result(node, version));
    }
    return refs;
  }

  private static List<SoftwareKey> softwareKeys(List<Software> software) {
    if (software.isEmpty()) {
      return List.of();
    }
    return software.stream()
        .map(s -> new SoftwareKey(s.vendor(), s.product(), s.version()))
        .toList();
  }

  /** What of a software item matching reads. */
  private record SoftwareKey(Optional<String> vendor, String product, Optional<String> version) {}

  /** The components of every SBOM describing devices of one vendor, model and firmware. */
  private SbomSet sbomSet(SbomKey k) {
    List<SbomCatalog.Entry> entries = catalog.describing(k.normalizedModel, k.vendorId, k.firmware);
    List<SubjectRef> refs = new ArrayList<>();
    for (SbomCatalog.Entry sbom : entries) {
      refs.addAll(Arrays.asList(sbomRefs(sbom)));
    }
    boolean repeated = false;
    if (entries.size() > 1) {
      // Attributes are distinct within one SBOM; only several SBOMs can repeat one.
      Set<String> attributes = new HashSet<>();
      for (SubjectRef r : refs) {
        repeated |= !attributes.add(r.attribute);
      }
    }
    return new SbomSet(refs.toArray(new SubjectRef[0]), repeated);
  }

  private record SbomKey(String vendorId, String normalizedModel, Optional<String> firmware) {
    @Override
    public int hashCode() {
      return mix(vendorId.hashCode(), normalizedModel.hashCode(), firmware.hashCode());
    }
  }

  /**
   * Combines hashes with a strong multiplier: the record default (31·h + …) collides so often on
   * families of model and firmware strings that HashMap bins turn into trees.
   */
  static int mix(int a, int b, int c) {
    long h = a * 0x9E3779B97F4A7C15L;
    h = (h ^ b) * 0xC2B2AE3D27D4EB4FL;
    h = (h ^ c) * 0x165667B19E3779F9L;
    return (int) (h ^ (h >>> 29) ^ (h >>> 43));
  }

  private record SbomSet(SubjectRef[] refs, boolean repeatedAttribute) {}

  private static final SbomSet NO_SBOMS = new SbomSet(new SubjectRef[0], false);

  /** The subjects of one SBOM's components, made once per fleet and shared by its shapes. */
  private SubjectRef[] sbomRefs(SbomCatalog.Entry sbom) {
    if (sbomRefs.length <= sbom.ordinal()) {
      sbomRefs = Arrays.copyOf(sbomRefs, Math.max(catalog.size(), sbom.ordinal() + 1));
    }
    SubjectRef[] refs = sbomRefs[sbom.ordinal()];
    if (refs == null) {
      List<SbomCatalog.Component> cs = sbom.components();
      refs = new SubjectRef[cs.size()];
      for (int i = 0; i < refs.length; i++) {
        SbomCatalog.Component c = cs.get(i);
        SubjectNode n = componentNode(c);
        refs[i] =
            new SubjectRef(
                c.attribute(),
                c.name(),
                c.version(),
                "version",
                c.bomRef(),
                false,
                n,
                result(n, c.version()));
      }
      sbomRefs[sbom.ordinal()] = refs;
    }
    return refs;
  }

  private SubjectNode deviceNode(Optional<String> vendor, String model) {
    DeviceKey key = new DeviceKey(vendor, model);
    SubjectNode n = deviceNodes.get(key);
    if (n == null) {
      MatchIndex.DeviceSubject subject = index.deviceSubject(vendor, model);
      n = nodes.get(subject.identity());
      if (n == null) {
        n = newNode(subject.identity(), subject.lookups());
        nodes.put(subject.identity(), n);
      }
      deviceNodes.put(key, n);
    }
    return n;
  }

  private SubjectNode componentNode(SbomCatalog.Component c) {
    if (componentNodes.length <= c.identityOrdinal()) {
      componentNodes =
          Arrays.copyOf(componentNodes, Math.max(catalog.identityCount(), c.identityOrdinal() + 1));
    }
    SubjectNode n = componentNodes[c.identityOrdinal()];
    if (n == null) {
      // Component identities are distinct within the catalog, which also keeps their look-up keys.
      n = newNode(c.identity(), catalog.lookups(c.identityOrdinal(), index.symbols()));
      componentNodes[c.identityOrdinal()] = n;
    }
    return n;
  }

  private SubjectNode newNode(SubjectIdentity identity, long[] lookups) {
    SubjectNode n = new SubjectNode(nodeList.size(), identity, lookups);
    nodeList.add(n);
    pendingNodes.add(n);
    return n;
  }

  private SubjectResult result(SubjectNode n, Optional<Version> v) {
    boolean[] created = new boolean[1];
    SubjectResult r = n.result(v.orElse(null), created);
    if (created[0]) {
      pendingResults.add(r);
    }
    return r;
  }

  private void remember(SubjectNode n) {
    for (long k : n.lookups) {
      int list = nodesByKey.get(k);
      if (list == LongIntMap.MISSING) {
        list = nodeLists.size();
        nodeLists.add(new IntList(2));
        nodesByKey.put(k, list);
      }
      nodeLists.get(list).add(n.id);
    }
    for (int i = 0; i < n.candidateCount(); i++) {
      nodesByGroup.computeIfAbsent(n.candidateGroup(i), g -> new IntList(2)).add(n.id);
    }
  }

  // ---- incremental advisories ------------------------------------------------------------------

  /** Re-matches what an index change touches; returns the results it re-matched. */
  List<SubjectResult> apply(MatchIndex.IndexChange change) {
    for (int g : change.createdGroups()) {
      ProductGroup group = index.group(g);
      Set<Integer> asked = new HashSet<>();
      for (long k : group.keys) {
        int list = nodesByKey.get(k);
        if (list == LongIntMap.MISSING) {
          continue;
        }
        IntList ids = nodeLists.get(list);
        for (int i = 0; i < ids.size(); i++) {
          int id = ids.get(i);
          if (!asked.add(id)) {
            continue;
          }
          SubjectNode n = nodeList.get(id);
          Optional<IdentityMatch> m =
              PairEvaluator.identify(n.identity, n.tokens, group.identity, group.tokens);
          if (m.isPresent()) {
            n.addCandidate(g, m.get());
            nodesByGroup.computeIfAbsent(g, x -> new IntList(2)).add(id);
          }
        }
      }
    }
    int[] changed = concat(change.touchedGroups(), change.createdGroups());
    Arrays.sort(changed);
    Set<Integer> affected = new TreeSet<>();
    for (int g : changed) {
      IntList ids = nodesByGroup.get(g);
      if (ids != null) {
        for (int i = 0; i < ids.size(); i++) {
          affected.add(ids.get(i));
        }
      }
    }
    List<SubjectResult> rematched = new ArrayList<>();
    for (int id : affected) {
      for (SubjectResult r : nodeList.get(id).results()) {
        computer.extend(r, change.firstEntry(), changed);
        r.templates = null;
        rematched.add(r);
      }
    }
    epoch++;
    return rematched;
  }

  private static SubjectRef[] concat(SubjectRef[] a, SubjectRef[] b) {
    if (a.length == 0) {
      return b;
    }
    SubjectRef[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---- reads ----------------------------------------------------------------------------------

  Collection<String> deviceIds() {
    return devices.keySet();
  }

  int deviceCount() {
    return devices.size();
  }

  int shapeCount() {
    return shapes.size();
  }

  int nodeCount() {
    return nodeList.size();
  }

  /** Findings of the distinct results, before they fan out to devices. */
  long resultFindings() {
    long n = 0;
    for (SubjectNode node : nodeList) {
      for (SubjectResult r : node.results()) {
        n += r.distinct;
      }
    }
    return n;
  }

  /** Distinct (subject identity, version) results. */
  int resultCount() {
    int n = 0;
    for (SubjectNode node : nodeList) {
      for (SubjectResult r : node.results()) {
        n++;
      }
    }
    return n;
  }

  /** Subject instances over all devices (device plus SBOM components). */
  long subjectInstances() {
    long n = 0;
    for (Shape s : shapes.values()) {
      n += (long) s.refCount() * s.devices.size();
    }
    return n;
  }

  /** The number of findings of a device (0 when unknown). */
  int findingCount(String deviceId) {
    Placed p = devices.get(deviceId);
    return p == null ? 0 : p.shape.counts(index.findingKeyCount())[3];
  }

  /** Findings over all devices: affected, possibly affected, not affected, total. */
  long[] totals() {
    List<Shape> all = new ArrayList<>(shapes.values());
    int keys = index.findingKeyCount();
    long[][] perShape = new long[all.size()][];
    parallel(
        all.size(),
        i -> {
          Shape s = all.get(i);
          if (!s.devices.isEmpty()) {
            int[] c = s.counts(keys);
            long n = s.devices.size();
            perShape[i] = new long[] {c[0] * n, c[1] * n, c[2] * n, c[3] * n};
          }
        });
    long[] out = new long[4];
    for (long[] c : perShape) {
      if (c != null) {
        for (int i = 0; i < 4; i++) {
          out[i] += c[i];
        }
      }
    }
    return out;
  }

  /** The device ids whose subjects use one of these results, sorted. */
  Set<String> devicesOf(Collection<SubjectResult> results) {
    Set<String> out = new TreeSet<>();
    Set<Shape> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (SubjectResult r : results) {
      for (Shape s : r.shapes) {
        if (seen.add(s)) {
          s.devices.forEach(d -> out.add(d.id()));
        }
      }
    }
    return out;
  }

  /** The findings of a device, built with their explanations, sorted by id. */
  List<Finding> findingsOf(String deviceId) {
    Placed p = devices.get(deviceId);
    return p == null ? List.of() : materialize(p.device, p.shape);
  }

  private List<Finding> materialize(Device d, Shape s) {
    Ordered o = s.ordered;
    if (o == null || o.epoch != epoch) {
      o = order(s);
      s.ordered = o;
    }
    FindingTemplate[] ts = o.templates;
    if (ts.length == 0) {
      return List.of();
    }
    List<Evidence> evidence = o.anyFromDevice ? Subjects.evidence(d) : List.of();
    Finding[] out = new Finding[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = ts[i].forDevice(d.id(), o.fromDevice[i] ? evidence : List.of());
    }
    return List.of(out);
  }

  /**
   * The finding templates of a shape in the order of its devices' findings (by id; the device id
   * prefix is the same for all of them): made once per shape, shared by its devices.
   */
  private Ordered order(Shape s) {
    int epochNow = epoch;
    List<FindingTemplate> all = new ArrayList<>();
    for (SubjectRef ref : s.refs()) {
      all.addAll(
          Arrays.asList(
              templates.of(
                  ref.result, ref.attribute, ref.modelText, ref.version, ref.versionAttribute)));
    }
    FindingTemplate[] ordered;
    if (s.repeatedAttribute) {
      ordered = FindingAssembler.dedupeTemplates(all);
    } else {
      // Attributes are distinct, so are the id suffixes: sorting is enough.
      ordered = all.toArray(new FindingTemplate[0]);
      Arrays.sort(ordered, FindingAssembler.BY_SUFFIX);
    }
    // The device's own attribute ("model") is never a component's ("sbom:…").
    boolean[] fromDevice = new boolean[ordered.length];
    boolean any = false;
    for (int i = 0; s.self != null && i < ordered.length; i++) {
      fromDevice[i] = ordered[i].matchedBy().deviceAttribute().equals(s.self.attribute);
      any |= fromDevice[i];
    }
    return new Ordered(epochNow, ordered, fromDevice, any);
  }

  /**
   * A shape's finding templates in order, which of them come from the device itself (and so carry
   * its evidence), for the fleet's epoch they were made in.
   */
  private record Ordered(
      int epoch, FindingTemplate[] templates, boolean[] fromDevice, boolean anyFromDevice) {}

  // ---- shapes ---------------------------------------------------------------------------------

  /**
   * What identifies a device for matching: the maker of its model ({@link Subjects#modelVendor}),
   * model and firmware as observed, and the software seen on it.
   */
  private record ShapeKey(
      Optional<String> vendor,
      Optional<String> model,
      Optional<String> firmware,
      List<SoftwareKey> software) {
    @Override
    public int hashCode() {
      return mix(vendor.hashCode(), model.hashCode(), firmware.hashCode()) * 31
          + software.hashCode();
    }
  }

  private record DeviceKey(Optional<String> vendor, String model) {
    @Override
    public int hashCode() {
      return mix(vendor.hashCode(), model.hashCode(), 0);
    }
  }

  private record Placed(Device device, Shape shape) {}

  /** One subject of a shape. */
  private record SubjectRef(
      String attribute,
      String modelText,
      Optional<Version> version,
      String versionAttribute,
      Optional<String> bomRef,
      boolean device,
      SubjectNode node,
      SubjectResult result) {}

  /** Per-thread merge table: the best status rank per finding key, by generation. */
  private static final ThreadLocal<int[][]> MERGE = ThreadLocal.withInitial(() -> new int[3][0]);

  /** Counts the findings of refs {@code [from, to)}, which share an attribute, merged by key. */
  private static void mergeCounts(SubjectRef[] refs, int from, int to, int keys, int[] c) {
    int[][] t = MERGE.get();
    if (t[0].length < keys) {
      t[0] = new int[Math.max(keys, t[0].length * 2)];
      t[1] = new int[t[0].length];
      t[2] = new int[] {0};
    }
    int[] stamp = t[0];
    int[] best = t[1];
    int gen = ++t[2][0];
    if (gen == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      gen = t[2][0] = 1;
    }
    IntList seen = new IntList();
    for (int k = from; k < to; k++) {
      SubjectResult r = refs[k].result;
      for (int x = 0; x < r.size; x++) {
        int f = r.fkey[x];
        int rank = FindingAssembler.rank(SubjectResult.status(r.code[x]));
        if (stamp[f] != gen) {
          stamp[f] = gen;
          best[f] = rank;
          seen.add(f);
        } else if (rank < best[f]) {
          best[f] = rank;
        }
      }
    }
    for (int x = 0; x < seen.size(); x++) {
      int rank = best[seen.get(x)];
      FindingStatus st =
          rank == 0
              ? FindingStatus.NOT_AFFECTED
              : rank == 1 ? FindingStatus.AFFECTED : FindingStatus.POSSIBLY_AFFECTED;
      c[st.ordinal()]++;
      c[3]++;
    }
  }

  /** Devices that share vendor, model and firmware, and their subjects. */
  static final class Shape {
    /** The device itself, null when its model is unknown. */
    private final SubjectRef self;

    /**
     * The software seen on its devices, then its SBOMs' components (shared with every shape of the
     * same vendor, model, firmware).
     */
    private final SubjectRef[] components;

    private final List<Device> devices = new ArrayList<>(1);
    private final boolean repeatedAttribute;

    /** Its finding templates in order, made when a device's findings are first asked for. */
    private volatile Ordered ordered;

    private Shape(SubjectRef self, SubjectRef[] software, SbomSet sboms) {
      this.self = self;
      this.components = concat(software, sboms.refs);
      this.repeatedAttribute = sboms.repeatedAttribute;
    }

    int refCount() {
      return components.length + (self == null ? 0 : 1);
    }

    /** Every subject: the device first, then the components in SBOM order. */
    SubjectRef[] refs() {
      if (self == null) {
        return components;
      }
      SubjectRef[] all = new SubjectRef[components.length + 1];
      all[0] = self;
      System.arraycopy(components, 0, all, 1, components.length);
      return all;
    }

    /**
     * Affected, possibly affected, not affected and total findings of one device; {@code keys} is
     * the number of finding keys of the index (for the merge table).
     */
    int[] counts(int keys) {
      int[] c = new int[4];
      if (!repeatedAttribute) {
        for (SubjectRef r : refs()) {
          for (int s = 0; s < 3; s++) {
            c[s] += r.result.byStatus[s];
          }
          c[3] += r.result.distinct;
        }
        return c;
      }
      // Two SBOMs list the same component: findings of one attribute merge by finding key, the
      // better status rank winning (as FindingAssembler.dedupe keeps them).
      SubjectRef[] sorted = refs();
      Arrays.sort(sorted, java.util.Comparator.comparing(SubjectRef::attribute));
      int i = 0;
      while (i < sorted.length) {
        int j = i + 1;
        boolean same = true;
        while (j < sorted.length && sorted[j].attribute.equals(sorted[i].attribute)) {
          same &= sorted[j].result == sorted[i].result;
          j++;
        }
        if (same) {
          SubjectResult r = sorted[i].result;
          for (int st = 0; st < 3; st++) {
            c[st] += r.byStatus[st];
          }
          c[3] += r.distinct;
        } else {
          mergeCounts(sorted, i, j, keys, c);
        }
        i = j;
      }
      return c;
    }
  }
}
