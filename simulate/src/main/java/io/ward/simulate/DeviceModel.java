package io.ward.simulate;

import io.ward.model.Category;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One product of the device catalogue ({@code device-models.json}): public facts about it and how
 * it shows itself on the network. Text values may hold the placeholders {@code {firmware}}, {@code
 * {model}}, {@code {hostname}} and {@code {serial}}, filled in per device.
 *
 * @param weight how often the product is picked within its category (0: only where named)
 * @param hostname host name pattern: {@code {n4}} a 4-digit number, {@code {mac6}} the last six hex
 *     digits of the MAC, {@code {rand7}} seven random letters and digits
 * @param ttl initial IP TTL of its stack (64 Linux/embedded, 128 Windows, 255 network gear)
 * @param dhcp how it asks for an address; empty for statically addressed devices
 * @param tlsMaxVersion highest TLS version its client offers, "1.2" or "1.3"
 */
record DeviceModel(
    String id,
    String vendor,
    String model,
    Category category,
    Role role,
    int weight,
    List<Oui> ouis,
    String hostname,
    Optional<String> os,
    List<String> firmware,
    int ttl,
    Optional<Dhcp> dhcp,
    Set<Protocol> client,
    Set<Protocol> server,
    Optional<Hl7> hl7,
    Optional<Dicom> dicom,
    Optional<Poct> poct,
    Optional<Astm> astm,
    Optional<String> httpServer,
    Optional<String> userAgent,
    String tlsMaxVersion,
    Optional<String> telnetBanner,
    Optional<String> ftpBanner,
    Optional<String> snmpSysDescr,
    Optional<String> mdnsService,
    Optional<String> ssdpServer,
    String serialPrefix) {

  /**
   * An IEEE MA-L assignment the vendor (or the maker of the network module it ships) holds.
   *
   * @param prefix 24-bit OUI
   * @param organization the registrant exactly as in the IEEE registry
   */
  record Oui(int prefix, String organization) {}

  /**
   * DHCP client fingerprint (RFC 2132).
   *
   * @param vendorClass option 60, empty when not sent
   * @param paramList option 55, in the order the client sends it
   * @param fqdn whether it sends option 81 (Windows does)
   * @param broadcast whether it sets the BOOTP broadcast flag
   */
  record Dhcp(
      Optional<String> vendorClass, List<Integer> paramList, boolean fqdn, boolean broadcast) {}

  /**
   * HL7 v2 identity.
   *
   * @param application MSH-3 namespace id
   * @param eui64 whether MSH-3 carries the device EUI-64 as universal id (IHE PCD-01 style)
   * @param software the SFT segment the product adds to its messages, when it does
   */
  record Hl7(String application, boolean eui64, Optional<Software> software) {}

  /**
   * The SFT segment (HL7 v2.5+, section 2.15.12) a product writes after MSH: SFT-1 organization
   * name, SFT-2 its release (the device firmware), SFT-3 product name, SFT-4 a binary id.
   *
   * @param vendor SFT-1.1, the vendor's legal organization name
   * @param product SFT-3; the model name when absent
   */
  record Software(String vendor, Optional<String> product) {}

  /**
   * DICOM identity from the product's conformance statement.
   *
   * @param modality modality code (CT, MR…) for imaging modalities
   * @param sopClassUid storage SOP class it sends
   * @param implementationClassUid A-ASSOCIATE user information item 0x52
   * @param implementationVersionName item 0x55
   * @param aeTitle AE title, or a prefix to which a number is added for modalities
   */
  record Dicom(
      Optional<String> modality,
      Optional<String> sopClassUid,
      String implementationClassUid,
      String implementationVersionName,
      String aeTitle) {}

  /** POCT1-A device identity as sent in HEL.R01 (DEV.vendor_id, DEV.model_id). */
  record Poct(String vendorId, String modelId) {}

  /**
   * ASTM E1394 header H-5 "sender name or ID", whose component layout each vendor defines: e.g.
   * {@code ARCHITECT^{firmware}^{serial}^H1P1O1R1C1Q1L1} (Abbott ARCHITECT: name, version, serial,
   * record types) or {@code OCD^VISION^{firmware}^{serial}} (Ortho VISION: maker, product, version,
   * serial). Placeholders as in the other banners.
   */
  record Astm(String sender) {}
}
