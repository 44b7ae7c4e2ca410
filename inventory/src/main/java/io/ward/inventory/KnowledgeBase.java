package io.ward.inventory;

import io.ward.inventory.KbEntries.CriticalityRule;
import io.ward.inventory.KbEntries.ModuleMaker;
import io.ward.inventory.KbEntries.PortName;
import io.ward.inventory.KbEntries.SopClass;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.MacAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Ward knows about devices, loaded from data files: fingerprints, vendor aliases, NIC module
 * makers, clinical criticality per category, port names, DICOM SOP classes, and the IEEE OUI
 * registry. Immutable and safe to share between threads once loaded.
 */
public final class KnowledgeBase {

  /** Where Debian's ieee-data package puts the IEEE registry. */
  static final Path DEBIAN_IEEE_DATA = Path.of("/usr/share/ieee-data");

  /** The bundled files, listed one per line in this resource. */
  static final String INDEX_RESOURCE = "kb/INDEX";

  private static final java.util.regex.Pattern TRAILING_UID =
      java.util.regex.Pattern.compile("\\(([0-9]+(?:\\.[0-9]+)+)\\)$");

  private final List<Fingerprint> fingerprints;
  private final Map<String, List<Fingerprint>> fingerprintsByField;
  private final VendorNames vendorNames;
  private final List<ModuleMaker> moduleMakers;
  private final Map<Category, CriticalityRule> criticality;
  private final Map<String, PortName> ports;
  private final Map<String, SopClass> sopClassesByUidOrName;
  private final OuiRegistry oui;

  private KnowledgeBase(KbLoader loaded, OuiRegistry oui) {
    this.fingerprints = List.copyOf(loaded.fingerprints.values());
    Map<String, List<Fingerprint>> byField = new HashMap<>();
    for (Fingerprint f : fingerprints) {
      for (String field : f.fields()) {
        byField.computeIfAbsent(field, k -> new ArrayList<>()).add(f);
      }
    }
    byField.replaceAll((k, v) -> List.copyOf(v));
    this.fingerprintsByField = Map.copyOf(byField);
    this.vendorNames = new VendorNames(List.copyOf(loaded.vendorAliases.values()));
    this.moduleMakers = List.copyOf(loaded.moduleMakers.values());
    Map<Category, CriticalityRule> crit = new EnumMap<>(Category.class);
    loaded.criticality.values().forEach(r -> crit.put(r.category(), r));
    this.criticality = crit;
    this.ports = Map.copyOf(loaded.ports);
    Map<String, SopClass> sop = new HashMap<>();
    for (SopClass s : loaded.sopClasses.values()) {
      sop.put(s.id(), s);
      sop.put(s.name().toLowerCase(Locale.ROOT), s);
    }
    this.sopClassesByUidOrName = Map.copyOf(sop);
    this.oui = oui;
  }

  /** The bundled knowledge plus Debian's ieee-data registry when installed. */
  public static KnowledgeBase loadDefault() throws KnowledgeBaseException {
    return load(Optional.empty());
  }

  /**
   * The bundled knowledge, then every {@code *.yaml}, {@code *.yml} and {@code *.json} file of
   * {@code userDir} in name order: a user entry replaces the bundled entry of the same section and
   * id, or removes it with {@code disabled: true}.
   */
  public static KnowledgeBase load(Optional<Path> userDir) throws KnowledgeBaseException {
    return load(userDir, DEBIAN_IEEE_DATA);
  }

  /** As {@link #load(Optional)}, reading the IEEE registry from {@code ieeeDir}. */
  static KnowledgeBase load(Optional<Path> userDir, Path ieeeDir) throws KnowledgeBaseException {
    KbLoader loader = new KbLoader();
    loader.beginLayer();
    for (String name : bundledFiles()) {
      // The JSON the build wrote from the YAML (BundledKbCompiler); the YAML itself when the
      // classes were built without that step (an IDE's build, say).
      InputStream compiled =
          KnowledgeBase.class.getResourceAsStream("kb/" + BundledKbCompiler.compiledName(name));
      try (InputStream in =
          compiled != null ? compiled : KnowledgeBase.class.getResourceAsStream("kb/" + name)) {
        if (in == null) {
          throw new KnowledgeBaseException(INDEX_RESOURCE + ": lists missing file kb/" + name);
        }
        loader.read("bundled kb/" + name, in, compiled != null);
      } catch (IOException e) {
        throw new KnowledgeBaseException("bundled kb/" + name + ": " + e.getMessage(), e);
      }
    }
    if (userDir.isPresent()) {
      loader.beginLayer();
      for (Path file : userFiles(userDir.get())) {
        try (InputStream in = Files.newInputStream(file)) {
          loader.read(file.toString(), in);
        } catch (IOException e) {
          throw new KnowledgeBaseException(file + ": cannot be read: " + e.getMessage(), e);
        }
      }
    }
    loader.validateMerged(userDir.map(Path::toString).orElse("bundled knowledge base"));
    return new KnowledgeBase(loader, OuiRegistry.load(ieeeDir));
  }

  private static List<String> bundledFiles() throws KnowledgeBaseException {
    try (InputStream in = KnowledgeBase.class.getResourceAsStream(INDEX_RESOURCE)) {
      if (in == null) {
        throw new KnowledgeBaseException(INDEX_RESOURCE + ": missing from the classpath");
      }
      return indexNames(in);
    } catch (IOException e) {
      throw new KnowledgeBaseException(INDEX_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The file names an INDEX lists, in order: one per line, blank lines and # comments skipped. */
  static List<String> indexNames(InputStream in) {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return r.lines().map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
  }

  private static List<Path> userFiles(Path dir) throws KnowledgeBaseException {
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeBaseException(dir + ": not a directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new KnowledgeBaseException(dir + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  /** Number of fingerprint entries after user overrides. */
  public int fingerprintCount() {
    return fingerprints.size();
  }

  /** The normalised vendor name registered for the MAC's block; empty for random MACs. */
  public Optional<String> ouiVendor(MacAddress mac) {
    return ouiOrganization(mac).map(vendorNames::normalise);
  }

  /** Where the OUI registry came from: {@code ieee-data:<path of oui.csv>} or {@code bundled}. */
  public String ouiSource() {
    return oui.source();
  }

  /** The registry's organisation text for the MAC, unnormalised; empty for local/group MACs. */
  Optional<String> ouiOrganization(MacAddress mac) {
    if (mac.isLocallyAdministered() || mac.isGroup()) {
      return Optional.empty();
    }
    return oui.organization(mac);
  }

  /** The module-maker entry for an OUI organisation, if it is one. */
  Optional<ModuleMaker> moduleMaker(String organization) {
    return moduleMakers.stream().filter(m -> m.pattern().matcher(organization).find()).findFirst();
  }

  /** The canonical vendor name. */
  String normaliseVendor(String raw) {
    return vendorNames.normalise(raw);
  }

  /** Fingerprints that read {@code field}. */
  List<Fingerprint> fingerprintsFor(String field) {
    return fingerprintsByField.getOrDefault(field, List.of());
  }

  /** Every fingerprint. */
  List<Fingerprint> fingerprints() {
    return fingerprints;
  }

  /** The criticality rule for a category (validated at load to exist for every category). */
  CriticalityRule criticalityRule(Category category) {
    return criticality.get(category);
  }

  /** The criticality of a category. */
  Criticality criticalityOf(Category category) {
    return criticality.get(category).criticality();
  }

  /** The protocol normally served on {@code transport/port}, e.g. {@code rdp} for tcp/3389. */
  Optional<String> portName(String transport, int port) {
    return Optional.ofNullable(ports.get(transport + "/" + port)).map(PortName::name);
  }

  /** The DICOM SOP class with this UID or name (case-insensitive), if it names a modality. */
  Optional<SopClass> sopClass(String uidOrName) {
    String key = uidOrName.trim();
    // tshark-style "CT Image Storage (1.2.840.10008.5.1.4.1.1.2)": the UID decides.
    java.util.regex.Matcher uid = TRAILING_UID.matcher(key);
    if (uid.find()) {
      key = uid.group(1);
    }
    SopClass s = sopClassesByUidOrName.get(key);
    return Optional.ofNullable(
        s != null ? s : sopClassesByUidOrName.get(key.toLowerCase(Locale.ROOT)));
  }

  /** Number of OUI assignments loaded. */
  int ouiSize() {
    return oui.size();
  }
}
