package io.ward.model.exposure;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An FDA medical device recall (openFDA {@code device/recall} or {@code device/enforcement}): a
 * finding of its own kind, matched to device models, not a CVE.
 *
 * @param recallNumber {@code recall_number} (enforcement, e.g. {@code Z-1234-2024}) or {@code
 *     product_res_number} (recall)
 * @param eventNumber {@code event_id} / {@code res_event_number}
 * @param firm {@code recalling_firm}
 * @param productDescription {@code product_description}
 * @param modelNumbers model or catalog numbers read from {@code code_info} and {@code
 *     product_description}
 * @param codeInfo {@code code_info} as published (lot, serial, model numbers)
 * @param reason {@code reason_for_recall}
 * @param classification FDA class (I most serious)
 * @param date initiation date ({@code recall_initiation_date} / {@code event_date_initiated})
 * @param status {@code status} / {@code recall_status}, e.g. {@code Ongoing}, {@code Terminated}
 * @param productCode FDA product code, e.g. {@code FRN}
 */
public record DeviceRecall(
    String recallNumber,
    Optional<String> eventNumber,
    String firm,
    String productDescription,
    List<String> modelNumbers,
    Optional<String> codeInfo,
    String reason,
    Optional<RecallClass> classification,
    Optional<LocalDate> date,
    Optional<String> status,
    Optional<String> productCode) {

  public DeviceRecall {
    Checks.text(recallNumber, "recallNumber");
    Objects.requireNonNull(eventNumber, "eventNumber");
    Objects.requireNonNull(firm, "firm");
    Objects.requireNonNull(productDescription, "productDescription");
    modelNumbers = List.copyOf(modelNumbers);
    Objects.requireNonNull(codeInfo, "codeInfo");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(productCode, "productCode");
  }

  /** FDA recall classes (21 CFR 7.3(m)). */
  public enum RecallClass {
    /** Reasonable probability of serious adverse health consequences or death. */
    CLASS_I,
    /** Temporary or medically reversible adverse health consequences. */
    CLASS_II,
    /** Not likely to cause adverse health consequences. */
    CLASS_III
  }
}
