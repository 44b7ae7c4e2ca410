package io.ward.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Facts a dissector states together about one endpoint at one time, in order: what one message says
 * about its sender, for example. Sent as one {@link Observation} per fact would be, but in one
 * call; a dissector that reads the same kind of message again passes the same (or an equal) set, so
 * that a consumer can recognise the repeat (the inventory then counts it without looking each fact
 * up again). Immutable; equal when the same facts are in the same order. Pass one instance for a
 * repeat where possible: identity is the cheapest comparison.
 */
public final class Facts {

  /** No facts. */
  public static final Facts NONE = new Facts(List.of(), List.of());

  private final String[] fields;
  private final String[] values;
  private final int hash;

  private Facts(List<String> fields, List<String> values) {
    this.fields = fields.toArray(String[]::new);
    this.values = values.toArray(String[]::new);
    this.hash = 31 * fields.hashCode() + values.hashCode();
  }

  /** How many facts. */
  public int size() {
    return fields.length;
  }

  /** The field of fact {@code i}, e.g. {@code hl7.sendingApplication}. */
  public String field(int i) {
    return fields[i];
  }

  /**
   * The value of fact {@code i} as the dissector gave it; like an observation's, it counts cut to
   * {@link Observation#MAX_VALUE_CHARS} characters ({@link Observation#cut}).
   */
  public String value(int i) {
    return values[i];
  }

  /** Fact {@code i} as an observation of {@code subject} at {@code epochNanos}. */
  public Observation observation(int i, long epochNanos, Endpoint subject) {
    return new Observation(epochNanos, subject, fields[i], values[i]);
  }

  /** Computed once, at construction. */
  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof Facts f
            && hash == f.hash
            && Arrays.equals(fields, f.fields)
            && Arrays.equals(values, f.values);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Facts[");
    for (int i = 0; i < fields.length; i++) {
      s.append(i == 0 ? "" : ", ").append(fields[i]).append('=').append(values[i]);
    }
    return s.append(']').toString();
  }

  /** A builder, for facts in the order they are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects facts; not thread-safe. */
  public static final class Builder {
    private final List<String> fields = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    private Builder() {}

    /** Adds a fact. */
    public Builder add(String field, String value) {
      fields.add(Objects.requireNonNull(field, "field"));
      values.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    public Facts build() {
      return fields.isEmpty() ? NONE : new Facts(fields, values);
    }
  }
}
