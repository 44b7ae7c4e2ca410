package io.ward.server.web;

import io.ward.server.api.RemediationJson;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a person typed into a form that opens a remediation record and was refused (a due date out
 * of range, an empty title, findings already in open work), flashed back with the refusal so that
 * the form shows it again. Only the form it came from shows it: the device page's of that device,
 * or the group form of that advisory; the page escapes it as it escapes all output.
 *
 * @param form {@link #DEVICE} or {@link #GROUP}
 * @param scope the device id or the advisory key the form was about
 * @param fields the submitted fields, by name, each cut to the length its input allows ({@link
 *     TypedFields})
 * @param findingIds the findings left ticked (device page), at most {@link #MAX_FINDINGS}
 */
record NewWorkInput(String form, String scope, Map<String, String> fields, List<Long> findingIds)
    implements Serializable {
  /** The device page's "Open a remediation record". */
  static final String DEVICE = "device";

  /** The advisory page's "Create group remediation". */
  static final String GROUP = "group";

  /** As many findings as a record may be opened with; more are refused anyway. */
  static final int MAX_FINDINGS = 1000;

  /** Longest advisory key taken, as the group API's. */
  static final int MAX_ADVISORY_KEY = 300;

  /**
   * Longest device-group choice kept: the longest the advisory page can list, a device's vendor,
   * model and firmware (200 characters each as stored, a character at most 12 once URL-encoded) and
   * the two slashes between them. So every listed choice is kept whole and chosen again.
   */
  static final int MAX_PRODUCT = 3 * 200 * 12 + 2;

  NewWorkInput {
    fields = Map.copyOf(fields);
    findingIds = List.copyOf(findingIds);
  }

  /**
   * The device page's form as submitted; it names its one device (any other list is no device
   * page's, and no page shows it).
   */
  static NewWorkInput device(
      List<Long> deviceIds,
      String title,
      List<Long> findingIds,
      String owner,
      String due,
      String window) {
    String scope =
        deviceIds != null && deviceIds.size() == 1 && deviceIds.get(0) != null
            ? String.valueOf(deviceIds.get(0))
            : "";
    return new NewWorkInput(
        DEVICE,
        scope,
        new TypedFields()
            .put("title", title, RemediationJson.MAX_TITLE)
            .put("owner", owner, RemediationJson.MAX_OWNER)
            .put("due", due, TypedFields.DATE)
            .put("maintenanceWindow", window, RemediationJson.MAX_WINDOW)
            .map(),
        findingIds == null
            ? List.of()
            : findingIds.stream().filter(Objects::nonNull).limit(MAX_FINDINGS).toList());
  }

  /** The advisory page's group form as submitted. */
  static NewWorkInput group(
      String advisoryKey, String product, String title, String owner, String due, String window) {
    return new NewWorkInput(
        GROUP,
        TypedFields.cap(advisoryKey, MAX_ADVISORY_KEY),
        new TypedFields()
            .put("product", product, MAX_PRODUCT)
            .put("title", title, RemediationJson.MAX_TITLE)
            .put("owner", owner, RemediationJson.MAX_OWNER)
            .put("due", due, TypedFields.DATE)
            .put("maintenanceWindow", window, RemediationJson.MAX_WINDOW)
            .map(),
        List.of());
  }

  /** Whether this is the input of the device page's form of this device. */
  public boolean isForDevice(long deviceId) {
    return DEVICE.equals(form) && scope.equals(String.valueOf(deviceId));
  }

  /** Whether this is the input of this advisory's group form. */
  public boolean isForAdvisory(String advisoryKey) {
    return GROUP.equals(form) && !scope.isEmpty() && scope.equals(advisoryKey);
  }

  /** A submitted field, or empty. */
  public String get(String field) {
    return fields.getOrDefault(field, "");
  }

  /** Whether the finding was left ticked. */
  public boolean ticked(long findingId) {
    return findingIds.contains(findingId);
  }
}
