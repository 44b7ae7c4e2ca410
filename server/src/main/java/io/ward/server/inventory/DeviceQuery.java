package io.ward.server.inventory;

import io.ward.model.Category;
import io.ward.model.Criticality;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A search of the inventory: filters (all optional, combined with AND), an order and a page.
 *
 * @param text words found anywhere in the key, MAC, IPs, hostnames, vendor, model, OS, serial,
 *     category, DICOM/HL7 names or protocols (case-insensitive substring)
 * @param vendor the vendor, exactly (case-insensitive)
 * @param siteId the site
 * @param minRisk the lowest risk score listed
 * @param medicalOnly only medical devices
 * @param kevOnly only devices with a KEV vulnerability
 * @param descending the direction of {@code sort}
 * @param cursor where the previous page ended ({@link Page#nextCursor()}); empty for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record DeviceQuery(
    Optional<String> text,
    Optional<Category> category,
    Optional<Criticality> criticality,
    Optional<String> vendor,
    Optional<Long> siteId,
    OptionalInt minRisk,
    boolean medicalOnly,
    boolean kevOnly,
    DeviceSort sort,
    boolean descending,
    Optional<String> cursor,
    int limit) {

  /** Largest page. */
  public static final int MAX_LIMIT = 500;

  /** Longest search text accepted. */
  public static final int MAX_TEXT = 200;

  public DeviceQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(criticality, "criticality");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(minRisk, "minRisk");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must lie in [1," + MAX_LIMIT + "]: " + limit);
    }
    if (text.filter(t -> t.length() > MAX_TEXT).isPresent()) {
      throw new IllegalArgumentException("search text longer than " + MAX_TEXT + " characters");
    }
    text = text.map(String::strip).filter(t -> !t.isEmpty());
    vendor = vendor.map(String::strip).filter(t -> !t.isEmpty());
  }

  /** Every device, riskiest first, 50 a page. */
  public static DeviceQuery all() {
    return new DeviceQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        false,
        false,
        DeviceSort.RISK,
        true,
        Optional.empty(),
        50);
  }

  /** This query with a search text. */
  public DeviceQuery withText(String t) {
    return new DeviceQuery(
        Optional.of(t),
        category,
        criticality,
        vendor,
        siteId,
        minRisk,
        medicalOnly,
        kevOnly,
        sort,
        descending,
        cursor,
        limit);
  }

  /** This query restricted to a category. */
  public DeviceQuery withCategory(Category c) {
    return new DeviceQuery(
        text,
        Optional.of(c),
        criticality,
        vendor,
        siteId,
        minRisk,
        medicalOnly,
        kevOnly,
        sort,
        descending,
        cursor,
        limit);
  }

  /** This query restricted to a vendor. */
  public DeviceQuery withVendor(String v) {
    return new DeviceQuery(
        text,
        category,
        criticality,
        Optional.of(v),
        siteId,
        minRisk,
        medicalOnly,
        kevOnly,
        sort,
        descending,
        cursor,
        limit);
  }

  /** This query in another order. */
  public DeviceQuery sortedBy(DeviceSort s, boolean desc) {
    return new DeviceQuery(
        text,
        category,
        criticality,
        vendor,
        siteId,
        minRisk,
        medicalOnly,
        kevOnly,
        s,
        desc,
        cursor,
        limit);
  }

  /** This query for the page after {@code c}. */
  public DeviceQuery after(String c) {
    return new DeviceQuery(
        text,
        category,
        criticality,
        vendor,
        siteId,
        minRisk,
        medicalOnly,
        kevOnly,
        sort,
        descending,
        Optional.of(c),
        limit);
  }

  /** This query with another page size. */
  public DeviceQuery withLimit(int n) {
    return new DeviceQuery(
        text,
        category,
        criticality,
        vendor,
        siteId,
        minRisk,
        medicalOnly,
        kevOnly,
        sort,
        descending,
        cursor,
        n);
  }
}
