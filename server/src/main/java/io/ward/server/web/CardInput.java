package io.ward.server.web;

import io.ward.server.api.RemediationJson;
import java.io.Serializable;
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
 * @param fields the submitted fields, by name (absent ones as empty), each cut to the length its
 *     input allows ({@link TypedFields})
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
        new TypedFields()
            .put("to", to, TypedFields.CHOICE)
            .put("note", note, RemediationJson.MAX_NOTE)
            .put("acceptReason", acceptReason, RemediationJson.MAX_NOTE)
            .put("acceptUntil", acceptUntil, TypedFields.DATE)
            .map());
  }

  /** The edit form as submitted. */
  static CardInput edit(
      long id, String owner, String due, String maintenanceWindow, String fixedVersion) {
    return new CardInput(
        id,
        EDIT,
        new TypedFields()
            .put("owner", owner, RemediationJson.MAX_OWNER)
            .put("due", due, TypedFields.DATE)
            .put("maintenanceWindow", maintenanceWindow, RemediationJson.MAX_WINDOW)
            .put("fixedVersion", fixedVersion, RemediationJson.MAX_VERSION)
            .map());
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
