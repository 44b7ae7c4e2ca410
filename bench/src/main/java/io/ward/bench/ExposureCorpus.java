package io.ward.bench;

import io.ward.exposure.feeds.VersBounds;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic synthetic corpus at NVD scale for the exposure benchmark.
 *
 * <p>Advisories: mostly NVD-style CVEs shaped exactly as Ward's NVD reader builds them (one product
 * per {@code cpeMatch}: the criteria as name and CPE, vendor and product from its fields, the
 * version bounds as a {@code vers} range through the reader's own writer, an exact version or
 * {@code vers:all/*}; non-vulnerable platform entries kept but not affected), product popularity
 * heavy-tailed as in NVD (a kernel-like product with thousands of CVEs, most products with a few);
 * and about one in a hundred CSAF-style medical advisories (vendor and product-name branches, model
 * numbers, free-text ranges such as {@code B.06.18 and prior}, fixed versions, several
 * vulnerabilities).
 *
 * <p>Devices: medical device models of real and generated makers, each firmware of most models with
 * a CycloneDX-like SBOM of about 29 components (an OS and libraries, mostly by CPE, some by purl or
 * name only, suppliers spelled in alias variants, older versions more likely); devices spread over
 * (model, firmware) heavy-tailed, with the maker spelled as OUI/DHCP would, some with vendor,
 * firmware or model unknown.
 */
final class ExposureCorpus {

  /** Sizes of a corpus. */
  record Settings(
      long seed,
      int advisories,
      int devices,
      int deviceModels,
      int softwareProducts,
      int componentsPerSbom,
      int extraAdvisories,
      int extraDevices) {

    /** The issue's size: 300k advisories, 100k devices with about 30 components each. */
    static Settings issue(long seed) {
      return new Settings(seed, 300_000, 100_000, 3_000, 40_000, 29, 200, 400);
    }

    /** A small corpus for tests. */
    static Settings small(long seed) {
      return new Settings(seed, 3_000, 1_000, 60, 800, 12, 20, 40);
    }
  }

  /** What was generated. */
  record Corpus(
      List<Advisory> advisories,
      List<Sbom> sboms,
      List<Device> devices,
      List<Advisory> extraAdvisories,
      List<Device> extraDevices,
      long statements) {}

  private static final Instant PUBLISHED = Instant.parse("2024-01-01T00:00:00Z");
  private static final String[] CWES = {"CWE-79", "CWE-787", "CWE-20", "CWE-125", "CWE-416"};

  private final Settings settings;
  private final SplittableRandom rnd;
  private final List<ExposureSoftware> software;
  private final double[] softwareWeights;

  /** Generated products in the order of their popularity in device SBOMs (not their CVE count). */
  private final int[] libraryOrder;

  private final double[] libraryWeights;
  private final List<ExposureDeviceModels> models;
  private final Map<ExposureSoftware, Shared> shared = new HashMap<>();
  private int cveSeq;
  private int csafSeq;

  private ExposureCorpus(Settings settings) {
    this.settings = settings;
    this.rnd = new SplittableRandom(settings.seed());
    this.software = ExposureSoftware.catalog(rnd, settings.softwareProducts());
    this.softwareWeights = cveWeights(software, rnd);
    this.libraryOrder = shuffledGenerated(software.size(), rnd);
    this.libraryWeights = zipf(libraryOrder.length, 1.0);
    this.models = ExposureDeviceModels.generate(rnd, settings.deviceModels());
  }

  /** Generates a corpus. */
  static Corpus generate(Settings settings) {
    return new ExposureCorpus(settings).run();
  }

  private Corpus run() {
    int csafEvery = 100;
    List<Advisory> advisories = new ArrayList<>(settings.advisories());
    long statements = 0;
    for (int i = 0; i < settings.advisories(); i++) {
      Advisory a = i % csafEvery == csafEvery - 1 ? csaf() : nvd();
      statements += a.products().size();
      advisories.add(a);
    }
    List<Sbom> sboms = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (ExposureDeviceModels m : models) {
      List<ExposureSoftware> base = sbomBase(m);
      Lineage lineage = new Lineage(base);
      for (int f = 0; f < m.firmware().size(); f++) {
        Shape s = new Shape(m, f);
        shapes.add(s);
        if (f > 0) {
          lineage.advance();
        }
        if (rnd.nextInt(10) < 8) {
          sboms.add(sbom(m, f, lineage, f == 0 && rnd.nextInt(10) == 0));
        }
      }
    }
    Collections.shuffle(shapes, new java.util.Random(rnd.nextLong()));
    double[] shapeWeights = zipf(shapes.size(), 0.8);
    List<Device> devices = new ArrayList<>(settings.devices());
    for (int i = 0; i < settings.devices(); i++) {
      devices.add(device(i, shapes.get(pick(shapeWeights)), false));
    }
    List<Advisory> extraAdvisories = new ArrayList<>();
    for (int i = 0; i < settings.extraAdvisories(); i++) {
      extraAdvisories.add(i % 10 == 9 ? csaf() : nvd());
    }
    List<Device> extraDevices = new ArrayList<>();
    for (int i = 0; i < settings.extraDevices(); i++) {
      Shape s = shapes.get(pick(shapeWeights));
      // Half of the new devices bring firmware nobody has reported yet: a new shape to match.
      extraDevices.add(device(settings.devices() + i, s, i % 2 == 1));
    }
    return new Corpus(
        List.copyOf(advisories),
        List.copyOf(sboms),
        List.copyOf(devices),
        List.copyOf(extraAdvisories),
        List.copyOf(extraDevices),
        statements);
  }

  // ---- NVD-style advisories --------------------------------------------------------------------

  private Advisory nvd() {
    int seq = cveSeq++;
    String id = "CVE-" + (1999 + seq % 26) + "-" + (100000 + seq);
    List<AffectedProduct> products = new ArrayList<>();
    List<String> vulnerable = new ArrayList<>();
    ExposureSoftware sw = software.get(pick(softwareWeights));
    int node = 0;
    statements(sw, "c0n" + node++, products, vulnerable);
    if (rnd.nextInt(5) == 0) {
      // The same flaw in a second product, usually of the same vendor (bundled or forked code).
      ExposureSoftware other = software.get(pick(softwareWeights));
      statements(other, "c0n" + node++, products, vulnerable);
    }
    if (rnd.nextInt(8) == 0) {
      // NVD "running on/with" configurations: a platform entry that is not itself vulnerable.
      ExposureSoftware platform = software.get(OSES[rnd.nextInt(OSES.length)]);
      String prefix = "c1n0m";
      String criteria = shared(platform).criteria(platform, "-");
      products.add(product(prefix + products.size(), criteria, platform, all()));
    }
    Vulnerability v =
        new Vulnerability(
            Optional.of(id),
            List.of(),
            List.of(CWES[seq % CWES.length]),
            Optional.empty(),
            Optional.of("Synthetic vulnerability in " + sw.cpeProduct()),
            List.of(),
            Map.of(ProductStatus.KNOWN_AFFECTED, vulnerable),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return new Advisory(
        id,
        AdvisorySource.NVD,
        id,
        Optional.of("nvd@nist.gov"),
        Optional.of(PUBLISHED),
        Optional.of(PUBLISHED),
        Optional.of("https://nvd.nist.gov/vuln/detail/" + id),
        products,
        List.of(v),
        Optional.of("synthetic-nvd"));
  }

  /** The cpeMatch statements of one product in one CVE configuration node. */
  private void statements(
      ExposureSoftware sw, String prefix, List<AffectedProduct> out, List<String> vulnerable) {
    List<String> rel = sw.releases();
    int n = rel.size();
    int kind = rnd.nextInt(100);
    int m = 0;
    if (kind < 60) {
      // Ranges, one per maintained branch, newest branch last.
      int ranges = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(4) : 0);
      int hi = n - 1 - rnd.nextInt(Math.max(1, n / 4));
      for (int r = 0; r < ranges && hi > 0; r++) {
        int lo =
            r == ranges - 1 && rnd.nextBoolean()
                ? -1
                : Math.max(0, hi - 1 - rnd.nextInt(Math.max(1, n / 3)));
        boolean endIncl = rnd.nextInt(4) == 0;
        Optional<VersionConstraint> c =
            VersBounds.range(
                lo < 0 ? Optional.empty() : Optional.of(rel.get(lo)),
                true,
                Optional.of(rel.get(hi)),
                endIncl);
        VersionConstraint constraint =
            c.orElseGet(() -> new VersionConstraint.Legacy("<" + rel.get(0), Optional.empty()));
        String id = prefix + "m" + m++;
        out.add(product(id, shared(sw).criteria(sw, "*"), sw, constraint));
        vulnerable.add(id);
        hi = lo - 1 - rnd.nextInt(3);
        if (lo < 0) {
          break;
        }
      }
    } else if (kind < 95) {
      // Older NVD style: every affected release listed as its own CPE.
      int count = 1 + (int) (Math.pow(rnd.nextDouble(), 3) * Math.min(60, n));
      int start = rnd.nextInt(Math.max(1, n - count + 1));
      for (int k = start; k < Math.min(n, start + count); k++) {
        String id = prefix + "m" + m++;
        String v = rel.get(k);
        out.add(product(id, shared(sw).criteria(sw, v), sw, shared(sw).exact(v)));
        vulnerable.add(id);
      }
    } else {
      // Every version ("*").
      String id = prefix + "m" + m++;
      out.add(product(id, shared(sw).criteria(sw, "*"), sw, all()));
      vulnerable.add(id);
    }
  }

  private AffectedProduct product(
      String id, String criteria, ExposureSoftware sw, VersionConstraint c) {
    Shared s = shared(sw);
    return new AffectedProduct(
        id,
        criteria,
        s.vendor,
        s.product,
        Optional.empty(),
        c,
        List.of(),
        List.of(),
        List.of(criteria),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty());
  }

  private static final VersionConstraint ALL = new VersionConstraint.Vers("vers:all/*");

  private static VersionConstraint all() {
    return ALL;
  }

  private Shared shared(ExposureSoftware sw) {
    return shared.computeIfAbsent(sw, Shared::new);
  }

  /** Strings every statement of one product shares, as a loader with a string table keeps them. */
  private static final class Shared {
    final Optional<String> vendor;
    final Optional<String> product;
    final Map<String, String> criteria = new HashMap<>();
    final Map<String, VersionConstraint> exact = new HashMap<>();

    Shared(ExposureSoftware sw) {
      vendor = Optional.of(sw.cpeVendor());
      product = Optional.of(sw.cpeProduct());
    }

    String criteria(ExposureSoftware sw, String version) {
      return criteria.computeIfAbsent(
          version,
          v ->
              "cpe:2.3:"
                  + sw.part()
                  + ":"
                  + sw.cpeVendor()
                  + ":"
                  + sw.cpeProduct()
                  + ":"
                  + v
                  + ":*:*:*:*:*:*:*");
    }

    VersionConstraint exact(String version) {
      return exact.computeIfAbsent(version, VersionConstraint.Exact::new);
    }
  }

  // ---- CSAF-style medical advisories -----------------------------------------------------------

  private Advisory csaf() {
    int seq = csafSeq++;
    String id = "ICSMA-SYN-" + (10000 + seq);
    ExposureDeviceModels first = models.get(rnd.nextInt(models.size()));
    List<ExposureDeviceModels> same = new ArrayList<>();
    for (ExposureDeviceModels m : models) {
      if (m.vendor().equals(first.vendor())
          && same.size() < 6
          && (m == first || rnd.nextInt(4) == 0)) {
        same.add(m);
      }
    }
    List<AffectedProduct> products = new ArrayList<>();
    List<String> affected = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    List<String> notAffected = new ArrayList<>();
    for (ExposureDeviceModels m : same) {
      List<String> fw = m.firmware();
      int k = rnd.nextInt(fw.size());
      String text = legacy(fw, k);
      String pid = "CSAFPID-" + (products.size() + 1);
      Optional<String> family = rnd.nextBoolean() ? Optional.of(m.family()) : Optional.empty();
      products.add(
          new AffectedProduct(
              pid,
              m.vendor() + " " + m.productName() + " " + text,
              Optional.of(m.vendor()),
              Optional.of(m.productName()),
              family,
              new VersionConstraint.Legacy(text, Optional.empty()),
              rnd.nextBoolean() ? List.of(m.model()) : List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              Optional.empty()));
      affected.add(pid);
      if (k + 1 < fw.size()) {
        String fpid = "CSAFPID-" + (products.size() + 1);
        products.add(
            AffectedProduct.of(
                fpid,
                m.vendor() + " " + m.productName() + " " + fw.get(k + 1),
                Optional.of(m.vendor()),
                Optional.of(m.productName()),
                new VersionConstraint.Exact(fw.get(k + 1))));
        fixed.add(fpid);
      }
    }
    if (rnd.nextInt(5) == 0) {
      ExposureDeviceModels m = models.get(rnd.nextInt(models.size()));
      String pid = "CSAFPID-" + (products.size() + 1);
      products.add(
          AffectedProduct.of(
              pid,
              m.vendor() + " " + m.productName(),
              Optional.of(m.vendor()),
              Optional.of(m.productName()),
              new VersionConstraint.Legacy("all versions", Optional.empty())));
      notAffected.add(pid);
    }
    List<Vulnerability> vulns = new ArrayList<>();
    int count = 1 + rnd.nextInt(6);
    for (int v = 0; v < count; v++) {
      Map<ProductStatus, List<String>> status = new EnumMap<>(ProductStatus.class);
      status.put(ProductStatus.KNOWN_AFFECTED, affected);
      if (!fixed.isEmpty()) {
        status.put(ProductStatus.FIXED, fixed);
      }
      if (!notAffected.isEmpty()) {
        status.put(ProductStatus.KNOWN_NOT_AFFECTED, notAffected);
      }
      String cve = "CVE-" + (2017 + seq % 8) + "-" + (500000 + seq * 8 + v);
      vulns.add(
          new Vulnerability(
              Optional.of(cve),
              List.of(id + "-" + v),
              List.of(CWES[v % CWES.length]),
              Optional.of("Synthetic medical device flaw " + v),
              Optional.empty(),
              List.of(),
              status,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of()));
    }
    return new Advisory(
        id,
        AdvisorySource.CSAF,
        first.vendor() + " " + first.family() + " (synthetic)",
        Optional.of("CISA"),
        Optional.of(PUBLISHED),
        Optional.of(PUBLISHED),
        Optional.empty(),
        products,
        vulns,
        Optional.of("synthetic-csaf"));
  }

  /** A free-text range as vendors write them in CSAF product_version_range. */
  private String legacy(List<String> fw, int k) {
    switch (rnd.nextInt(7)) {
      case 0:
        return "<= " + fw.get(k);
      case 1:
        return fw.get(k) + " and prior";
      case 2:
        return "prior to " + fw.get(Math.min(fw.size() - 1, k + 1));
      case 3:
        return "All versions";
      case 4:
        return "versions " + fw.get(0) + " through " + fw.get(k);
      case 5:
        return "<" + fw.get(Math.min(fw.size() - 1, k + 1));
      default:
        return fw.get(k);
    }
  }

  // ---- SBOMs and devices
  // -------------------------------------------------------------------------

  /** The operating systems of device firmware (catalog index) and how often each is used. */
  private static final int[] OSES = {0, 0, 0, 18, 18, 19, 19, 20, 21, 21, 22};

  /** The components a model's firmware is built from: an OS, staples, then long-tail libraries. */
  private List<ExposureSoftware> sbomBase(ExposureDeviceModels m) {
    List<ExposureSoftware> out = new ArrayList<>();
    Set<ExposureSoftware> seen = new java.util.HashSet<>();
    out.add(software.get(OSES[rnd.nextInt(OSES.length)]));
    seen.add(out.get(0));
    int staples = 5 + rnd.nextInt(6);
    int target = settings.componentsPerSbom() - 3 + rnd.nextInt(7);
    int guard = 0;
    while (out.size() < target && guard++ < target * 20) {
      ExposureSoftware s;
      if (out.size() <= staples) {
        int i = 1 + rnd.nextInt(ExposureSoftware.REAL_COUNT - 1);
        s = i >= 18 && i <= 22 ? null : software.get(i);
      } else {
        s = software.get(libraryOrder[pick(libraryWeights)]);
      }
      if (s != null && seen.add(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * One model's components across its firmware: versions from the older part of each history
   * (devices ship old code), a few components updated with each firmware, identifiers and supplier
   * spelled the same way by the maker's SBOM tooling throughout.
   */
  private final class Lineage {
    final List<ExposureSoftware> base;
    final int[] index;
    final int[] ids;
    final String[] suppliers;

    Lineage(List<ExposureSoftware> base) {
      this.base = base;
      index = new int[base.size()];
      ids = new int[base.size()];
      suppliers = new String[base.size()];
      for (int i = 0; i < base.size(); i++) {
        List<String> rel = base.get(i).releases();
        index[i] = (int) (Math.pow(rnd.nextDouble(), 1.5) * rel.size() * 0.8);
        ids[i] = rnd.nextInt(100);
        List<String> sp = base.get(i).suppliers();
        suppliers[i] = sp.get(rnd.nextInt(sp.size()));
      }
    }

    void advance() {
      for (int i = 0; i < base.size(); i++) {
        if (rnd.nextInt(10) < 3) {
          index[i] = Math.min(base.get(i).releases().size() - 1, index[i] + 1 + rnd.nextInt(3));
        }
      }
    }
  }

  private Sbom sbom(ExposureDeviceModels m, int f, Lineage lineage, boolean modelWide) {
    List<SbomComponent> components = new ArrayList<>();
    for (int i = 0; i < lineage.base.size(); i++) {
      ExposureSoftware s = lineage.base.get(i);
      String v = s.releases().get(lineage.index[i]);
      int id = lineage.ids[i];
      Optional<String> cpe = id < 85 ? Optional.of(shared(s).criteria(s, v)) : Optional.empty();
      Optional<String> purl =
          id >= 15 && id < 95
              ? Optional.of(
                  "pkg:" + s.purlType() + "/" + s.cpeVendor() + "/" + s.componentName() + "@" + v)
              : Optional.empty();
      components.add(
          new SbomComponent(
              Optional.of("c" + i),
              Optional.of(s.part() == 'o' ? "operating-system" : "library"),
              Optional.empty(),
              s.componentName(),
              Optional.of(v),
              purl,
              cpe,
              Optional.of(lineage.suppliers[i])));
    }
    return new Sbom(
        Optional.of(m.vendor()),
        Optional.of(m.productName()),
        modelWide ? Optional.empty() : Optional.of(m.firmware().get(f)),
        Optional.of("urn:uuid:synthetic-" + m.productName().hashCode() + "-" + f),
        components,
        "synthetic-sbom/" + m.productName() + "/" + f);
  }

  private record Shape(ExposureDeviceModels model, int firmware) {}

  private Device device(int i, Shape s, boolean newFirmware) {
    ExposureDeviceModels m = s.model();
    int roll = rnd.nextInt(100);
    Optional<String> vendor =
        roll < 4
            ? Optional.empty()
            : Optional.of(m.spellings().get(rnd.nextInt(m.spellings().size())));
    int mroll = rnd.nextInt(100);
    Optional<String> model =
        mroll < 2
            ? Optional.empty()
            : mroll < 12
                ? Optional.of(m.model())
                : mroll < 15
                    ? Optional.of(m.kind() + " " + m.model())
                    : Optional.of(m.productName());
    Optional<String> firmware =
        rnd.nextInt(100) < 8
            ? Optional.empty()
            : Optional.of(
                newFirmware
                    ? m.firmware().get(s.firmware()) + "." + (1 + rnd.nextInt(9))
                    : m.firmware().get(s.firmware()));
    String mac =
        String.format(
            "02:%02x:%02x:%02x:%02x:%02x",
            (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, (i * 7) & 0xff);
    List<Evidence> evidence = new ArrayList<>(3);
    vendor.ifPresent(
        v ->
            evidence.add(
                new Evidence("vendor", v, "oui", mac.substring(0, 8), Optional.empty(), 0.9, 1L)));
    model.ifPresent(
        v ->
            evidence.add(
                new Evidence("model", v, "dhcp.vendorClass", v, Optional.of("fp-model"), 0.8, 2L)));
    firmware.ifPresent(
        v ->
            evidence.add(
                new Evidence("firmware", v, "snmp.sysDescr", v, Optional.empty(), 0.8, 3L)));
    return new Device(
        "mac:" + mac,
        Optional.of(MacAddress.parse(mac)),
        List.of(IpAddress.ofV4(0x0a000000 | (i & 0xffffff))),
        List.of(),
        Set.of(),
        vendor,
        model,
        Optional.empty(),
        firmware,
        Optional.empty(),
        Category.OTHER_MEDICAL,
        Optional.empty(),
        true,
        Criticality.HIGH,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        0L,
        0L,
        evidence);
  }

  // ---- sampling ---------------------------------------------------------------------------------

  /**
   * Cumulative weights of CVEs per product: the real projects at their share of NVD, the generated
   * ones Zipf-distributed (exponent 0.7: a few with thousands of CVEs, most with a handful) in a
   * random order.
   */
  private static double[] cveWeights(List<ExposureSoftware> software, SplittableRandom rnd) {
    double real = 0;
    for (ExposureSoftware s : software) {
      real += s.cveShare();
    }
    int[] order = shuffledGenerated(software.size(), rnd);
    double[] w = new double[software.size()];
    double zipfSum = 0;
    for (int r = 0; r < order.length; r++) {
      zipfSum += 1 / Math.pow(r + 1, 0.7);
    }
    for (int r = 0; r < order.length; r++) {
      w[order[r]] = (1 - real) / Math.pow(r + 1, 0.7) / zipfSum;
    }
    double sum = 0;
    double[] cumulative = new double[software.size()];
    for (int i = 0; i < software.size(); i++) {
      sum += i < ExposureSoftware.REAL_COUNT ? software.get(i).cveShare() : w[i];
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  /** The generated products' catalog indexes in a random order. */
  private static int[] shuffledGenerated(int size, SplittableRandom rnd) {
    int[] order = new int[size - ExposureSoftware.REAL_COUNT];
    for (int i = 0; i < order.length; i++) {
      order[i] = ExposureSoftware.REAL_COUNT + i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Cumulative Zipf weights over {@code n} ranks. */
  private static double[] zipf(int n, double s) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, s);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  private int pick(double[] cumulative) {
    double u = rnd.nextDouble();
    int i = java.util.Arrays.binarySearch(cumulative, u);
    return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
  }
}
