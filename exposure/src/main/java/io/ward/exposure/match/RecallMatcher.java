package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.exposure.DeviceRecall;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Matches FDA recalls to devices: same firm (through the vendor alias table) and the device model
 * among the recall's model numbers (affected) or only its model number in the product description
 * (possibly affected). Recalls of terminated status are kept: the clinical engineer decides.
 */
public final class RecallMatcher {

  private final VendorAliases aliases;

  /** A matcher using this alias table. */
  public RecallMatcher(VendorAliases aliases) {
    this.aliases = aliases;
  }

  /** The recall findings of a device. */
  public List<Finding> match(Device device, List<DeviceRecall> recalls) {
    if (device.model().isEmpty() || device.vendor().isEmpty()) {
      return List.of();
    }
    String vendorId = aliases.canonical(device.vendor().get());
    String model = VendorAliases.normalize(device.model().get());
    Set<String> numbers =
        Names.tokens(device.model().get(), Names.vendorWords(device.vendor().get()));
    List<Evidence> evidence =
        device.evidence().stream()
            .filter(e -> e.attribute().equals("vendor") || e.attribute().equals("model"))
            .toList();
    List<Finding> out = new ArrayList<>();
    for (DeviceRecall r : recalls) {
      if (!aliases.canonical(r.firm()).equals(vendorId)) {
        continue;
      }
      boolean exact =
          r.modelNumbers().stream().anyMatch(m -> VendorAliases.normalize(m).equals(model));
      String description = r.productDescription().toLowerCase(Locale.ROOT);
      Optional<String> loose =
          numbers.stream()
              .filter(Names::isModelNumber)
              .filter(
                  n ->
                      description.matches("(?s).*\\b" + java.util.regex.Pattern.quote(n) + "\\b.*"))
              .findFirst();
      if (!exact && loose.isEmpty()) {
        continue;
      }
      String explanation =
          exact
              ? "model '" + device.model().get() + "' is among the recall's model numbers"
              : "model number " + loose.get() + " appears in the recalled product description";
      MatchReason why =
          new MatchReason(
              r.recallNumber(),
              Optional.empty(),
              r.productDescription(),
              MatchRule.PRODUCT_ONLY,
              r.codeInfo(),
              "model",
              device.model().get(),
              evidence,
              exact ? 0.95 : 0.6,
              explanation);
      String title =
          "FDA recall "
              + r.classification().map(c -> c.name().replace('_', ' ') + " ").orElse("")
              + r.recallNumber()
              + ": "
              + r.reason();
      out.add(
          new Finding(
              device.id() + "|" + r.recallNumber() + "|recall",
              FindingKind.RECALL,
              device.id(),
              r.recallNumber(),
              r.recallNumber(),
              title,
              exact ? FindingStatus.AFFECTED : FindingStatus.POSSIBLY_AFFECTED,
              exact
                  ? Optional.empty()
                  : Optional.of(
                      "only the model number matched; check the lot/serial in: "
                          + r.codeInfo().orElse("the recall notice")),
              why));
    }
    return out;
  }
}
