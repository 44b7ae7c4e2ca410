package io.ward.inventory;

import static io.ward.model.ObservationFields.HL7_SOFTWARE_PRODUCT;
import static io.ward.model.ObservationFields.HL7_SOFTWARE_VENDOR;
import static io.ward.model.ObservationFields.HL7_SOFTWARE_VERSION;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Reads the HL7 SFT segment (v2.5+, section 2.15.12): SFT-1 the software vendor organization, SFT-2
 * its release, SFT-3 the product name. Each product becomes an item of the device's software, with
 * the vendor and release of the same segment (the values seen in the same messages). The segment
 * names the sender's software, which is the device itself only for embedded devices (a pump's or a
 * monitor's firmware), so:
 *
 * <ul>
 *   <li>a product the knowledge base names as software (Orthanc, Mirth Connect…) stays software: it
 *       gives no device model, firmware or vendor;
 *   <li>any other product also gives the device model and firmware, as before;
 *   <li>SFT-1 names the device's vendor only below the NIC's OUI organisation ({@link
 *       #VENDOR_CONFIDENCE}): a Dell server's software maker is not the server's maker, while a
 *       pump behind a module maker's NIC (0.15) still takes its vendor from SFT-1.
 * </ul>
 */
final class Hl7Software {

  /** Confidence of the software item and of the model and firmware it gives. */
  static final double CONFIDENCE = 0.75;

  /** Below {@link DeviceAssembler#OUI_CONFIDENCE}, above a module maker's OUI. */
  static final double VENDOR_CONFIDENCE = 0.45;

  private final KnowledgeBase kb;
  private final BiPredicate<String, String> namesSoftware;

  /**
   * @param namesSoftware whether a fingerprint of a field names a value as software
   */
  Hl7Software(KnowledgeBase kb, BiPredicate<String, String> namesSoftware) {
    this.kb = kb;
    this.namesSoftware = namesSoftware;
  }

  void interpret(DeviceFacts f, EvidenceSet ev, SoftwareSet sw) {
    Map<String, ValueStat> products = f.values(HL7_SOFTWARE_PRODUCT);
    Map<String, ValueStat> vendors = f.values(HL7_SOFTWARE_VENDOR);
    Map<String, ValueStat> versions = f.values(HL7_SOFTWARE_VERSION);
    if (products.isEmpty() && vendors.isEmpty() && versions.isEmpty()) {
      return;
    }
    Set<String> usedVendors = new HashSet<>();
    Set<String> usedVersions = new HashSet<>();
    new TreeMap<>(products)
        .forEach(
            (product, stat) -> {
              Optional<String> vendor = partner(vendors, stat);
              Optional<String> version = partner(versions, stat);
              vendor.ifPresent(usedVendors::add);
              version.ifPresent(usedVersions::add);
              Optional<String> vendorName = vendor.map(kb::normaliseVendor);
              sw.add(
                  vendorName,
                  product,
                  version,
                  HL7_SOFTWARE_PRODUCT,
                  product,
                  Optional.empty(),
                  CONFIDENCE,
                  stat);
              ev.add(
                  Attributes.SOFTWARE,
                  vendorName.map(v -> v + " ").orElse("")
                      + product
                      + version.map(v -> " " + v).orElse(""),
                  HL7_SOFTWARE_PRODUCT,
                  product,
                  Optional.empty(),
                  CONFIDENCE,
                  stat);
              if (namesSoftware.test(HL7_SOFTWARE_PRODUCT, product)) {
                return;
              }
              ev.add(
                  Attributes.MODEL,
                  product,
                  HL7_SOFTWARE_PRODUCT,
                  product,
                  Optional.empty(),
                  CONFIDENCE,
                  stat);
              version.ifPresent(v -> firmware(ev, v, versions.get(v)));
              vendor.ifPresent(v -> vendor(ev, v, vendors.get(v)));
            });
    // SFT-1 or SFT-2 seen without a product to pair with: about the device, as before.
    vendors.forEach(
        (v, stat) -> {
          if (!usedVendors.contains(v)) {
            vendor(ev, v, stat);
          }
        });
    versions.forEach(
        (v, stat) -> {
          if (!usedVersions.contains(v)) {
            firmware(ev, v, stat);
          }
        });
  }

  private void vendor(EvidenceSet ev, String value, ValueStat stat) {
    ev.add(
        Attributes.VENDOR,
        kb.normaliseVendor(value),
        HL7_SOFTWARE_VENDOR,
        value,
        Optional.empty(),
        VENDOR_CONFIDENCE,
        stat);
  }

  private static void firmware(EvidenceSet ev, String value, ValueStat stat) {
    ev.add(
        Attributes.FIRMWARE,
        value,
        HL7_SOFTWARE_VERSION,
        value,
        Optional.empty(),
        CONFIDENCE,
        stat);
  }

  /**
   * The value of another SFT component from the same segment: the only one seen, else the first (by
   * name) seen in the same messages as the product.
   */
  private static Optional<String> partner(Map<String, ValueStat> values, ValueStat product) {
    if (values.size() == 1) {
      return Optional.of(values.keySet().iterator().next());
    }
    return new TreeMap<>(values)
        .entrySet().stream()
            .filter(e -> e.getValue().sharesTimeWith(product))
            .map(Map.Entry::getKey)
            .findFirst();
  }
}
