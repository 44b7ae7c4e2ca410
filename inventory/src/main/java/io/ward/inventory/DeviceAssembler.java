package io.ward.inventory;

import static io.ward.model.ObservationFields.*;

import io.ward.inventory.EvidenceSet.Candidate;
import io.ward.inventory.KbEntries.CriticalityRule;
import io.ward.inventory.KbEntries.ModuleMaker;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one device's merged facts into a {@link Device}, with every attribute's evidence. Safe for
 * several threads at once.
 */
final class DeviceAssembler {

  /** Vendor confidence of an OUI that is not a module maker's. */
  static final double OUI_CONFIDENCE = 0.5;

  /** Evidence at or above this confidence makes a device medical on its own. */
  static final double STRONG = 0.5;

  /** The pseudo-field fingerprints use to read the MAC's OUI organisation. */
  static final String OUI_FIELD = "oui.organization";

  /** An observation field whose value is taken as an attribute value as is. */
  private record Direct(String attribute, double confidence) {}

  private static final Map<String, Direct> DIRECT =
      Map.ofEntries(
          Map.entry(DHCP_HOSTNAME, new Direct(Attributes.HOSTNAME, 0.8)),
          Map.entry(DHCP_FQDN, new Direct(Attributes.HOSTNAME, 0.8)),
          Map.entry(NBNS_NAME, new Direct(Attributes.HOSTNAME, 0.7)),
          Map.entry(MDNS_NAME, new Direct(Attributes.HOSTNAME, 0.7)),
          Map.entry(LLMNR_NAME, new Direct(Attributes.HOSTNAME, 0.6)),
          Map.entry(DNS_NAME, new Direct(Attributes.HOSTNAME, 0.6)),
          Map.entry(SNMP_SYS_NAME, new Direct(Attributes.HOSTNAME, 0.7)),
          Map.entry(LLDP_SYSTEM_NAME, new Direct(Attributes.HOSTNAME, 0.7)),
          Map.entry(CDP_DEVICE_ID, new Direct(Attributes.HOSTNAME, 0.7)),
          Map.entry(CDP_PLATFORM, new Direct(Attributes.MODEL, 0.7)),
          Map.entry(POCT_VENDOR, new Direct(Attributes.VENDOR, 0.85)),
          Map.entry(POCT_MODEL, new Direct(Attributes.MODEL, 0.85)),
          Map.entry(POCT_SERIAL, new Direct(Attributes.SERIAL, 0.9)),
          Map.entry(POCT_SOFTWARE, new Direct(Attributes.FIRMWARE, 0.85)),
          Map.entry(SMB_NATIVE_OS, new Direct(Attributes.OS, 0.6)),
          Map.entry(DICOM_CALLING_AE, new Direct(Attributes.AE_TITLE, 0.9)),
          Map.entry(DICOM_CALLED_AE, new Direct(Attributes.AE_TITLE, 0.9)));

  /** At most this many distinct field values have their fingerprint results remembered. */
  private static final int MAX_REMEMBERED = 100_000;

  /** One fingerprint's assertion about a value: an attribute value, or software it names. */
  private record Match(
      Fingerprint fingerprint,
      String attribute,
      String value,
      double confidence,
      Optional<SoftwareRule.Named> software) {}

  private final KnowledgeBase kb;

  /**
   * Fingerprint results by field and value, for the devices of one assembly: devices of one model
   * repeat the same values (DHCP vendor class, User-Agent, AE title…), and the fingerprints are
   * regular expressions, so each value is matched once rather than once per device. Concurrent: the
   * threads of one assembly share it (a memo per thread had each match every value again).
   */
  private final Map<String, List<Match>> remembered = new ConcurrentHashMap<>();

  private final Behaviour behaviour;
  private final Hl7Software hl7Software;

  DeviceAssembler(KnowledgeBase kb) {
    this.kb = kb;
    this.behaviour = new Behaviour(kb);
    this.hl7Software = new Hl7Software(kb, this::namesSoftware);
  }

  Device assemble(DeviceFacts f) {
    EvidenceSet ev = new EvidenceSet();
    SoftwareSet sw = new SoftwareSet();
    f.fields.forEach((field, values) -> values.forEach((v, s) -> observed(ev, sw, field, v, s)));
    hl7Software.interpret(f, ev, sw);
    hl7Applications(f, ev);
    AstmSender.interpret(f, ev);
    udi(f, ev);
    f.mac.ifPresent(mac -> oui(f, mac, ev, sw));
    behaviour.classify(f, ev);

    Optional<Candidate> categoryWinner = ev.best(Attributes.CATEGORY);
    Category category =
        categoryWinner.flatMap(c -> Category.fromId(c.value())).orElse(Category.UNKNOWN);
    Criticality criticality = criticality(f, ev, category, categoryWinner);
    boolean medical =
        category.medical()
            || ev.candidates(Attributes.MEDICAL).stream()
                .anyMatch(c -> c.value().equals("true") && c.confidence() >= STRONG);
    Optional<String> modality =
        category == Category.IMAGING_MODALITY
            ? ev.best(Attributes.MODALITY).map(Candidate::value)
            : Optional.empty();
    return new Device(
        f.id,
        f.mac,
        List.copyOf(f.ips),
        all(ev, Attributes.HOSTNAME),
        Set.copyOf(f.vlans),
        ev.best(Attributes.VENDOR).map(Candidate::value),
        ev.best(Attributes.MODEL).map(Candidate::value),
        ev.best(Attributes.OS).map(Candidate::value),
        ev.best(Attributes.FIRMWARE).map(Candidate::value),
        ev.best(Attributes.SERIAL).map(Candidate::value),
        category,
        modality,
        medical,
        criticality,
        Set.copyOf(f.serversByProtocol.keySet()),
        Set.copyOf(f.clientsByProtocol.keySet()),
        Set.copyOf(all(ev, Attributes.AE_TITLE)),
        Set.copyOf(all(ev, Attributes.HL7_APPLICATION)),
        f.first == Long.MAX_VALUE ? 0 : f.first,
        f.last == Long.MIN_VALUE ? 0 : f.last,
        ev.toList(),
        sw.toList());
  }

  /** Evidence from one observed field value: taken as is, and through every fingerprint. */
  private void observed(
      EvidenceSet ev, SoftwareSet sw, String field, String value, ValueStat stat) {
    Direct direct = DIRECT.get(field);
    if (direct != null) {
      Optional<String> v =
          direct.attribute().equals(Attributes.VENDOR)
              ? Optional.of(kb.normaliseVendor(value))
              : field.equals(NBNS_NAME) ? NetbiosNames.hostName(value) : Optional.of(value);
      if (v.isPresent()) {
        ev.add(
            direct.attribute(), v.get(), field, value, Optional.empty(), direct.confidence(), stat);
      }
    }
    for (Match m : matches(field, value)) {
      add(ev, sw, m, field, value, stat);
    }
  }

  /** One fingerprint match as evidence: an attribute value, or an item of software. */
  private static void add(
      EvidenceSet ev, SoftwareSet sw, Match m, String source, String observed, ValueStat stat) {
    Optional<String> fp = Optional.of(m.fingerprint().id());
    if (m.software().isPresent()) {
      SoftwareRule.Named n = m.software().get();
      sw.add(
          Optional.of(n.vendor()),
          n.product(),
          n.version(),
          source,
          observed,
          fp,
          m.confidence(),
          stat);
    }
    ev.add(m.attribute(), m.value(), source, observed, fp, m.confidence(), stat);
  }

  /** True when a fingerprint of {@code field} names {@code value} as software (not a device). */
  boolean namesSoftware(String field, String value) {
    return matches(field, value).stream().anyMatch(m -> m.software().isPresent());
  }

  /** What the fingerprints of {@code field} assert about {@code value}, vendors normalised. */
  private List<Match> matches(String field, String value) {
    String key = field + '\u0000' + value;
    List<Match> known = remembered.get(key);
    if (known != null) {
      return known;
    }
    List<Match> found = new ArrayList<>();
    ObservedValue observed = new ObservedValue(value);
    for (Fingerprint fp : kb.fingerprintsFor(field)) {
      Fingerprint.Applied applied = fp.applyAll(observed);
      for (Fingerprint.Assertion a : applied.assertions()) {
        String v =
            a.attribute().equals(Attributes.VENDOR) ? kb.normaliseVendor(a.value()) : a.value();
        found.add(new Match(fp, a.attribute(), v, a.confidence(), Optional.empty()));
      }
      applied
          .software()
          .ifPresent(
              n -> {
                SoftwareRule.Named named =
                    new SoftwareRule.Named(
                        kb.normaliseVendor(n.vendor()), n.product(), n.version());
                found.add(
                    new Match(
                        fp,
                        Attributes.SOFTWARE,
                        named.vendor()
                            + " "
                            + named.product()
                            + n.version().map(v -> " " + v).orElse(""),
                        fp.confidence(),
                        Optional.of(named)));
              });
    }
    List<Match> result = List.copyOf(found);
    if (remembered.size() < MAX_REMEMBERED) {
      remembered.putIfAbsent(key, result); // another thread's equal result may have come first
    }
    return result;
  }

  /** MSH-3 with MSH-4 (and MSH-5 with MSH-6) of the same message become "app^facility". */
  private static void hl7Applications(DeviceFacts f, EvidenceSet ev) {
    pair(f, ev, HL7_SENDING_APP, HL7_SENDING_FACILITY);
    pair(f, ev, HL7_RECEIVING_APP, HL7_RECEIVING_FACILITY);
  }

  private static void pair(DeviceFacts f, EvidenceSet ev, String appField, String facilityField) {
    Map<String, ValueStat> facilities = f.values(facilityField);
    f.values(appField)
        .forEach(
            (app, stat) -> {
              List<String> paired = new ArrayList<>();
              facilities.forEach(
                  (facility, fs) -> {
                    if (stat.sharesTimeWith(fs)) {
                      paired.add(app + "^" + facility);
                    }
                  });
              if (paired.isEmpty()) {
                paired.add(app);
              }
              for (String value : paired) {
                ev.add(
                    Attributes.HL7_APPLICATION, value, appField, app, Optional.empty(), 0.9, stat);
              }
            });
  }

  /** A single UDI is the device's own; several mean a gateway reporting for others. */
  private static void udi(DeviceFacts f, EvidenceSet ev) {
    Map<String, ValueStat> udis = f.values(HL7_UDI);
    if (udis.size() == 1) {
      Map.Entry<String, ValueStat> only = udis.entrySet().iterator().next();
      ev.add(
          Attributes.SERIAL,
          only.getKey(),
          HL7_UDI,
          only.getKey(),
          Optional.empty(),
          0.6,
          only.getValue());
    }
  }

  private void oui(DeviceFacts f, MacAddress mac, EvidenceSet ev, SoftwareSet sw) {
    Optional<String> org = kb.ouiOrganization(mac);
    if (org.isEmpty()) {
      return;
    }
    String observed = mac.toString().substring(0, 8) + " " + org.get();
    ValueStat stat = f.lifetime();
    Optional<ModuleMaker> maker = kb.moduleMaker(org.get());
    ev.add(
        Attributes.VENDOR,
        kb.normaliseVendor(org.get()),
        "oui",
        observed,
        maker.map(ModuleMaker::id),
        maker.map(ModuleMaker::confidence).orElse(OUI_CONFIDENCE),
        stat);
    // Through the memo: the devices of one maker share its organisation name.
    for (Match m : matches(OUI_FIELD, org.get())) {
      add(ev, sw, m, "oui", observed, stat);
    }
  }

  /**
   * The category's rule, unless a fingerprint states the criticality (a central station is a
   * patient-monitor product but not at the bedside) with at least the category's confidence.
   */
  private Criticality criticality(
      DeviceFacts f, EvidenceSet ev, Category category, Optional<Candidate> categoryWinner) {
    CriticalityRule rule = kb.criticalityRule(category);
    double confidence = categoryWinner.map(Candidate::confidence).orElse(0.0);
    ValueStat stat = f.lifetime();
    Optional<Candidate> stated = ev.best(Attributes.CRITICALITY);
    ev.add(
        Attributes.CRITICALITY,
        rule.criticality().id(),
        "criticality-rule",
        category.id() + ": " + rule.reason(),
        Optional.of(rule.id()),
        confidence,
        stat);
    if (stated.isPresent() && stated.get().confidence() >= confidence) {
      return Criticality.fromId(stated.get().value()).orElse(rule.criticality());
    }
    return rule.criticality();
  }

  /** Every value of a multi-valued attribute, best first, without case-only duplicates. */
  private static List<String> all(EvidenceSet ev, String attribute) {
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Candidate c : ev.candidates(attribute)) {
      if (seen.add(c.value().toLowerCase(Locale.ROOT))) {
        out.add(c.value());
      }
    }
    return List.copyOf(out);
  }
}
