package io.ward.model.exposure;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalog.
 *
 * @param cve the CVE id
 * @param vendor {@code vendorProject}
 * @param product {@code product}
 * @param name {@code vulnerabilityName}
 * @param dateAdded when CISA added it
 * @param dueDate the remediation due date for US federal agencies
 * @param knownRansomwareCampaignUse true when CISA marks it {@code Known}
 * @param requiredAction {@code requiredAction}
 * @param description {@code shortDescription}
 * @param cwes CWE ids
 */
public record KevEntry(
    String cve,
    String vendor,
    String product,
    Optional<String> name,
    LocalDate dateAdded,
    Optional<LocalDate> dueDate,
    boolean knownRansomwareCampaignUse,
    Optional<String> requiredAction,
    Optional<String> description,
    List<String> cwes) {

  public KevEntry {
    Checks.text(cve, "cve");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(requiredAction, "requiredAction");
    Objects.requireNonNull(description, "description");
    cwes = List.copyOf(cwes);
  }
}
