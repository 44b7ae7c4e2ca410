package io.ward.server.web;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What a person typed into a form on a remediation card that was refused, flashed back with the
 * refusal so that the card shows it again instead of making them type it again (a reason for
 * accepting a risk is often a paragraph). Only the card of that record and that form shows it; the
 * page escapes it as it escapes all output.
 *
 * @param remediationId the record whose card the form is on
 * @param form {@link #STATUS} or {@link #EDIT}
 * @param fields the submitted fields, by name (absent ones as empty)
 */
record CardInput(long remediationId, String form, Map<String, String> fields)
    implements Serializable {
  /** The card's status form. */
  static final String STATUS = "status";

  /** The card's form for owner, due date, maintenance window and fixed version. */
  static final String EDIT = "edit";

  CardInput {
    fields = Map.copyOf(fields);
  }

  /** The status form as submitted. */
  static CardInput status(
      long id, String to, String note, String acceptReason, String acceptUntil) {
    return new CardInput(
        id,
        STATUS,
        fields("to", to, "note", note, "acceptReason", acceptReason, "acceptUntil", acceptUntil));
  }

  /** The edit form as submitted. */
  static CardInput edit(
      long id, String owner, String due, String maintenanceWindow, String fixedVersion) {
    return new CardInput(
        id,
        EDIT,
        fields(
            "owner",
            owner,
            "due",
            due,
            "maintenanceWindow",
            maintenanceWindow,
            "fixedVersion",
            fixedVersion));
  }

  /** Names and values, in turn; a field not sent is kept as empty. */
  private static Map<String, String> fields(String... namesAndValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
    }
    return m;
  }

  /**
   * Whether the input is shown again after a refusal with this status. An edit refused because the
   * record changed meanwhile is not: the card must show the record as it now stands, and a resent
   * form carries its new version, so the old input would silently overwrite the other change.
   */
  boolean keptAfter(HttpStatus status) {
    return !(EDIT.equals(form) && status == HttpStatus.CONFLICT);
  }

  /** Whether this is the input of the given form on the given record's card. */
  public boolean isFor(long id, String formName) {
    return remediationId == id && form.equals(formName);
  }

  /** A submitted field, or empty. */
  public String get(String field) {
    return fields.getOrDefault(field, "");
  }
}
