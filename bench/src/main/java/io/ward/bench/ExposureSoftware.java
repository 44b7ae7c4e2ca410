package io.ward.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The software products of the synthetic corpus: a few dozen real open-source projects found in
 * medical-device SBOMs, then tens of thousands of generated ones, each with a CPE vendor and
 * product, the supplier spellings SBOMs use for it, and its release history in one of the version
 * schemes seen in NVD (dotted numbers, OpenSSL letters, kernel-style long series, four-part Windows
 * builds, dates, pre-releases).
 *
 * @param cpeVendor CPE vendor field, e.g. {@code openssl}
 * @param cpeProduct CPE product field, e.g. {@code openssl}
 * @param part CPE part, {@code a} or {@code o}
 * @param suppliers supplier spellings used in SBOMs (alias variants of one vendor)
 * @param componentName the name SBOMs give the component
 * @param purlType purl type for the component ({@code generic}, {@code deb}, {@code maven}…)
 * @param releases release versions, oldest first
 * @param cveShare for the real projects, their share of all CVEs (0 for generated ones)
 */
record ExposureSoftware(
    String cpeVendor,
    String cpeProduct,
    char part,
    List<String> suppliers,
    String componentName,
    String purlType,
    List<String> releases,
    double cveShare) {

  /** How many real projects lead the catalog. */
  static final int REAL_COUNT = 40;

  /**
   * Real projects common in device SBOMs: vendor, product, part, supplier, name, scheme, and the
   * project's share of all CVEs in per mille (about its share of NVD; the kernel leads).
   */
  private static final String[][] REAL = {
    {"linux", "linux_kernel", "o", "The Linux Foundation", "linux-kernel", "kernel", "20"},
    {"openssl", "openssl", "a", "OpenSSL Software Foundation", "openssl", "letters", "1"},
    {"busybox", "busybox", "a", "BusyBox", "busybox", "dotted", "0.2"},
    {"zlib", "zlib", "a", "zlib", "zlib", "dotted", "0.05"},
    {"wolfssl", "wolfssl", "a", "wolfSSL Inc.", "wolfssl", "dotted", "0.3"},
    {"sqlite", "sqlite", "a", "SQLite", "sqlite", "dotted", "0.5"},
    {"haxx", "libcurl", "a", "Haxx AB", "libcurl", "dotted", "0.8"},
    {"libexpat_project", "libexpat", "a", "libexpat project", "expat", "dotted", "0.2"},
    {"gnu", "glibc", "a", "GNU Project", "glibc", "two", "0.6"},
    {"gnu", "bash", "a", "GNU Project", "bash", "dotted", "0.1"},
    {"openbsd", "openssh", "a", "OpenBSD", "openssh", "openssh", "0.5"},
    {"dropbear_ssh_project", "dropbear_ssh", "a", "Dropbear SSH", "dropbear", "date", "0.1"},
    {"thekelleys", "dnsmasq", "a", "Thekelleys", "dnsmasq", "two", "0.1"},
    {"ntp", "ntp", "a", "NTP Project", "ntp", "letters", "0.3"},
    {"libpng", "libpng", "a", "libpng", "libpng", "dotted", "0.3"},
    {"ijg", "libjpeg", "a", "IJG", "libjpeg", "letters", "0.1"},
    {"xmlsoft", "libxml2", "a", "xmlsoft.org", "libxml2", "dotted", "0.5"},
    {"arm", "mbed_tls", "a", "Arm Limited", "mbedtls", "dotted", "0.3"},
    {"amazon", "freertos", "o", "Amazon Web Services", "freertos", "dotted", "0.1"},
    {"windriver", "vxworks", "o", "Wind River Systems, Inc.", "vxworks", "dotted", "0.2"},
    {"blackberry", "qnx_neutrino_rtos", "o", "BlackBerry QNX", "qnx-neutrino", "dotted", "0.1"},
    {"microsoft", "windows_7", "o", "Microsoft Corporation", "windows-7", "windows", "6"},
    {"microsoft", "windows_10", "o", "Microsoft Corporation", "windows-10", "windows", "10"},
    {
      "microsoft", ".net_framework", "a", "Microsoft Corporation", ".net-framework", "dotted", "0.6"
    },
    {"apache", "log4j", "a", "Apache Software Foundation", "log4j-core", "pre", "0.1"},
    {"apache", "tomcat", "a", "The Apache Software Foundation", "tomcat", "dotted", "0.8"},
    {"apache", "http_server", "a", "Apache Software Foundation", "httpd", "dotted", "1"},
    {"nginx", "nginx", "a", "F5, Inc.", "nginx", "dotted", "0.3"},
    {"jquery", "jquery", "a", "OpenJS Foundation", "jquery", "dotted", "0.2"},
    {"eclipse", "jetty", "a", "Eclipse Foundation", "jetty-server", "dotted", "0.2"},
    {"oracle", "jdk", "a", "Oracle Corporation", "jdk", "java", "2"},
    {"python", "python", "a", "Python Software Foundation", "python", "dotted", "0.6"},
    {"qt", "qt", "a", "The Qt Company", "qt", "dotted", "0.2"},
    {"lwip_project", "lwip", "a", "lwIP", "lwip", "dotted", "0.05"},
    {"uclibc", "uclibc", "a", "uClibc", "uclibc", "dotted", "0.05"},
    {"dcmtk", "dcmtk", "a", "OFFIS e.V.", "dcmtk", "dotted", "0.1"},
    {"google", "protobuf", "a", "Google LLC", "protobuf", "dotted", "0.1"},
    {"nxp", "mcuxpresso_sdk", "a", "NXP Semiconductors", "mcuxpresso-sdk", "dotted", "0.05"},
    {"fatfs_project", "fatfs", "a", "ChaN", "fatfs", "letters", "0.02"},
    {
      "bouncycastle",
      "legion-of-the-bouncy-castle-java-crytography-api",
      "a",
      "Legion of the Bouncy Castle",
      "bcprov",
      "two",
      "0.2"
    },
  };

  private static final String[] SYLLABLES = {
    "al", "bar", "cor", "dex", "el", "fin", "gal", "hex", "ion", "jor", "kel", "lum", "mar", "nex",
    "or", "pix", "quan", "ros", "syn", "tel", "ul", "vex", "wen", "xen", "yor", "zen", "tri", "net",
    "data", "soft", "tek", "ware", "sys", "io", "lab", "ix", "on", "ar", "is", "ka"
  };

  private static final String[] PRODUCT_WORDS = {
    "server",
    "agent",
    "sdk",
    "lib",
    "core",
    "manager",
    "gateway",
    "viewer",
    "connect",
    "client",
    "studio",
    "suite",
    "runtime",
    "framework",
    "engine",
    "daemon",
    "portal",
    "toolkit",
    "parser",
    "firmware",
    "kernel",
    "db",
    "http",
    "ssl",
    "xml",
    "json",
    "image",
    "video",
    "audio",
    "dicom"
  };

  private static final String[] SUFFIXES = {
    "Inc.", "Inc", "Corporation", "Corp.", "Ltd.", "Co., Ltd.", "GmbH", "LLC", "AG", "S.A.", "B.V."
  };

  private static final String[] PURL_TYPES = {"generic", "deb", "maven", "npm", "pypi", "github"};

  /** The real projects, then {@code generated} generated ones, all with releases. */
  static List<ExposureSoftware> catalog(SplittableRandom rnd, int generated) {
    List<ExposureSoftware> out = new ArrayList<>();
    for (String[] r : REAL) {
      List<String> suppliers = List.of(r[3], r[0], r[3].replace(",", "").replace(".", ""));
      out.add(
          new ExposureSoftware(
              r[0],
              r[1],
              r[2].charAt(0),
              suppliers,
              r[4],
              r[1].equals("log4j") || r[1].equals("jetty") ? "maven" : "generic",
              releases(r[5], rnd, 40 + rnd.nextInt(120)),
              Double.parseDouble(r[6]) / 1000));
    }
    Set<String> seen = new LinkedHashSet<>();
    for (ExposureSoftware s : out) {
      seen.add(s.cpeVendor + ":" + s.cpeProduct);
    }
    String[] schemes = {"dotted", "dotted", "dotted", "two", "letters", "windows", "date", "pre"};
    List<String> vendors = new ArrayList<>();
    while (out.size() < REAL.length + generated) {
      String vendor;
      if (!vendors.isEmpty() && rnd.nextInt(3) == 0) {
        vendor = vendors.get(rnd.nextInt(vendors.size()));
      } else {
        vendor = word(rnd, 2 + rnd.nextInt(2));
        if (rnd.nextInt(4) == 0) {
          vendor = vendor + "_" + word(rnd, 2);
        }
        vendors.add(vendor);
      }
      String product =
          rnd.nextInt(3) == 0
              ? word(rnd, 2)
              : word(rnd, 1 + rnd.nextInt(2))
                  + "_"
                  + PRODUCT_WORDS[rnd.nextInt(PRODUCT_WORDS.length)];
      if (!seen.add(vendor + ":" + product)) {
        continue;
      }
      String display = display(vendor);
      List<String> suppliers =
          List.of(
              display + " " + SUFFIXES[rnd.nextInt(SUFFIXES.length)],
              display,
              display.toUpperCase(Locale.ROOT) + ", " + SUFFIXES[rnd.nextInt(SUFFIXES.length)]);
      int n = 5 + (int) (rnd.nextDouble() * rnd.nextDouble() * 150);
      out.add(
          new ExposureSoftware(
              vendor,
              product,
              rnd.nextInt(12) == 0 ? 'o' : 'a',
              suppliers,
              product.replace('_', '-'),
              PURL_TYPES[rnd.nextInt(PURL_TYPES.length)],
              releases(schemes[rnd.nextInt(schemes.length)], rnd, n),
              0));
    }
    return out;
  }

  /** A display name for a CPE vendor field: {@code blue_harbor} → {@code Blue Harbor}. */
  static String display(String vendor) {
    StringBuilder sb = new StringBuilder();
    for (String w : vendor.split("_")) {
      if (!w.isEmpty()) {
        sb.append(sb.length() > 0 ? " " : "")
            .append(Character.toUpperCase(w.charAt(0)))
            .append(w.substring(1));
      }
    }
    return sb.toString();
  }

  static String word(SplittableRandom rnd, int syllables) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      sb.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
    }
    return sb.toString();
  }

  /** A release history in a scheme, oldest first. */
  static List<String> releases(String scheme, SplittableRandom rnd, int n) {
    List<String> out = new ArrayList<>(n);
    int major = rnd.nextInt(4);
    int minor = rnd.nextInt(5);
    int patch = 0;
    int year = 2005 + rnd.nextInt(12);
    int month = 1;
    char letter = 'a';
    int build = 1000 + rnd.nextInt(9000);
    for (int i = 0; i < n; i++) {
      switch (scheme) {
        case "kernel":
          out.add((2 + major) + "." + minor + "." + patch);
          if (++patch > 20 + rnd.nextInt(200)) {
            patch = 0;
            if (++minor > 19) {
              minor = 0;
              major++;
            }
          }
          break;
        case "letters":
          out.add(
              major + "." + minor + "." + (patch) + (letter == '`' ? "" : String.valueOf(letter)));
          if (letter == '`') {
            letter = 'a';
          } else if (++letter > 'z' || rnd.nextInt(8) == 0) {
            letter = '`';
            patch++;
          }
          break;
        case "two":
          out.add(major + "." + minor);
          if (++minor > 30) {
            minor = 0;
            major++;
          }
          break;
        case "windows":
          out.add("10.0." + build + "." + (patch * 7 + rnd.nextInt(5)));
          if (++patch > 30) {
            patch = 0;
            build += 1 + rnd.nextInt(900);
          }
          break;
        case "date":
          out.add(year + "." + (month < 10 ? "0" : "") + month);
          month += 1 + rnd.nextInt(5);
          if (month > 12) {
            month = 1;
            year++;
          }
          break;
        case "openssh":
          out.add(major + 5 + "." + minor + "p" + (1 + rnd.nextInt(2)));
          if (++minor > 9) {
            minor = 0;
            major++;
          }
          break;
        case "java":
          out.add("1." + (6 + major) + ".0_" + (patch * 10 + rnd.nextInt(10)));
          if (++patch > 30) {
            patch = 0;
            major++;
          }
          break;
        case "pre":
          if (patch == 0 && rnd.nextInt(2) == 0) {
            out.add(major + "." + minor + ".0-rc" + (1 + rnd.nextInt(3)));
            i++;
            if (i >= n) {
              break;
            }
          }
          out.add(major + "." + minor + "." + patch);
          if (++patch > 2 + rnd.nextInt(15)) {
            patch = 0;
            minor++;
          }
          break;
        default:
          out.add(major + "." + minor + "." + patch);
          if (++patch > 2 + rnd.nextInt(15)) {
            patch = 0;
            if (++minor > 3 + rnd.nextInt(12)) {
              minor = 0;
              major++;
            }
          }
      }
    }
    return List.copyOf(out);
  }
}
