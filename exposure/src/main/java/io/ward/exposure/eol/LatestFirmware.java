package io.ward.exposure.eol;

import io.ward.exposure.remediation.RemediationOptions;
import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Remediation;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest firmware known per advisory product, from the advisories themselves: versions listed
 * as fixed, and versions named in vendor-fix remediations ("update to Version 3.6.7"). Gives the
 * "firmware behind the latest known" findings.
 */
public final class LatestFirmware {

  private final Map<String, Version> latest;

  private LatestFirmware(Map<String, Version> latest) {
    this.latest = Map.copyOf(latest);
  }

  /** The latest versions the advisories name, per advisory product. */
  public static LatestFirmware of(List<Advisory> advisories) {
    Map<String, Version> out = new HashMap<>();
    for (Advisory a : advisories) {
      for (Vulnerability v : a.vulnerabilities()) {
        for (Remediation r : v.remediations()) {
          if (r.category() != Remediation.Category.VENDOR_FIX) {
            continue;
          }
          Optional<Version> fixed =
              RemediationOptions.fixedVersion(r.details()).flatMap(Version::tryParse);
          if (fixed.isEmpty()) {
            continue;
          }
          List<String> ids =
              r.productIds().isEmpty() ? v.products(ProductStatus.KNOWN_AFFECTED) : r.productIds();
          ids.forEach(id -> out.merge(a.id() + "|" + id, fixed.get(), LatestFirmware::max));
        }
        for (ProductStatus s : ProductStatus.values()) {
          if (!s.fixed()) {
            continue;
          }
          for (String id : v.products(s)) {
            a.product(id)
                .map(AffectedProduct::version)
                .filter(c -> c instanceof VersionConstraint.Exact)
                .flatMap(c -> Version.tryParse(((VersionConstraint.Exact) c).version()))
                .ifPresent(
                    ver ->
                        siblings(a, id)
                            .forEach(
                                sib -> out.merge(a.id() + "|" + sib, ver, LatestFirmware::max)));
          }
        }
      }
    }
    return new LatestFirmware(out);
  }

  /** The latest version known for an advisory product. */
  public Optional<Version> latest(String advisoryId, String productId) {
    return Optional.ofNullable(latest.get(advisoryId + "|" + productId));
  }

  /** One finding per product whose latest known firmware is newer than the device's. */
  public List<Finding> findings(Device device, List<Finding> vulnerabilityFindings) {
    Optional<Version> fw = device.firmware().flatMap(Version::tryParse);
    if (fw.isEmpty()) {
      return List.of();
    }
    Map<String, Finding> out = new LinkedHashMap<>();
    for (Finding f : vulnerabilityFindings) {
      if (f.status() == FindingStatus.NOT_AFFECTED
          || !f.matchedBy().deviceAttribute().equals("model")) {
        continue;
      }
      Optional<Version> newest = f.matchedBy().productId().flatMap(p -> latest(f.advisoryId(), p));
      if (newest.isEmpty() || fw.get().compareTo(newest.get()) >= 0) {
        continue;
      }
      String product = f.matchedBy().productName();
      String id = device.id() + "|ward-latest|" + product;
      Finding existing = out.get(id);
      if (existing != null && existing.title().endsWith(newest.get().text())) {
        continue;
      }
      MatchReason why =
          new MatchReason(
              f.advisoryId(),
              f.matchedBy().productId(),
              product,
              MatchRule.LIFECYCLE,
              Optional.of(newest.get().text()),
              "firmware",
              fw.get().text(),
              f.matchedBy().evidence(),
              f.matchedBy().confidence(),
              "firmware "
                  + fw.get().text()
                  + " is older than "
                  + newest.get().text()
                  + ", the latest version "
                  + f.advisoryId()
                  + " names for "
                  + product);
      out.put(
          id,
          new Finding(
              id,
              FindingKind.OUTDATED_FIRMWARE,
              device.id(),
              "firmware:" + product,
              f.advisoryId(),
              "firmware behind the latest known " + newest.get().text(),
              f.status(),
              f.statusReason(),
              why));
    }
    return new ArrayList<>(out.values());
  }

  /** The product and the products of the same product name (the fixed version applies to them). */
  private static List<String> siblings(Advisory a, String productId) {
    Optional<String> name = a.product(productId).flatMap(AffectedProduct::productName);
    List<String> out = new ArrayList<>();
    for (AffectedProduct p : a.products()) {
      if (p.productId().equals(productId) || (name.isPresent() && p.productName().equals(name))) {
        out.add(p.productId());
      }
    }
    return out;
  }

  private static Version max(Version a, Version b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
