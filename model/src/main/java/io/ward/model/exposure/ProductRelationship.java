package io.ward.model.exposure;

import java.util.Objects;

/**
 * How a combined product is made of two others (CSAF 2.0 §3.1.2.3.1 {@code relationships}), e.g. a
 * library {@code default_component_of} a device firmware.
 *
 * @param category the kind of relationship
 * @param productRef the product that is the component (CSAF {@code product_reference})
 * @param relatesToProductRef the product it belongs to ({@code relates_to_product_reference})
 */
public record ProductRelationship(
    Category category, String productRef, String relatesToProductRef) {

  public ProductRelationship {
    Objects.requireNonNull(category, "category");
    Checks.text(productRef, "productRef");
    Checks.text(relatesToProductRef, "relatesToProductRef");
  }

  /** CSAF 2.0 relationship categories. */
  public enum Category {
    /** The component is part of the product by default. */
    DEFAULT_COMPONENT_OF,
    /** The component is outside the product but used by it. */
    EXTERNAL_COMPONENT_OF,
    /** The product is installed on the other (e.g. an application on an OS). */
    INSTALLED_ON,
    /** The product is installed alongside the other. */
    INSTALLED_WITH,
    /** The component is an optional part of the product. */
    OPTIONAL_COMPONENT_OF
  }
}
