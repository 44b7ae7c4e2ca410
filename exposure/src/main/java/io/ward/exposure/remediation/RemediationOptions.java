package io.ward.exposure.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.model.Category;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Remediation;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.Vulnerability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remediation options of a finding: the advisory's vendor fixes (with the fixed version read
 * from the text when it names one), mitigations and workarounds for the matched product, and Ward's
 * compensating-control advice (data file {@code compensating-controls.yaml}) when the advisory
 * offers no fix.
 */
public final class RemediationOptions {

  private static final Pattern FIXED_VERSION =
      Pattern.compile(
          "(?i)(?:version|versions|to|v)\\s+((?:[A-Z]\\.)?\\d+(?:[.\\-_]\\w+)*|[A-Z]\\.\\d+(?:\\.\\d+)*)");

  private static final Map<String, List<String>> ADVICE = load();

  private RemediationOptions() {}

  /** The options for a finding on a device of this category. */
  public static List<RemediationOption> of(
      Finding finding, Optional<Vulnerability> vulnerability, Category category) {
    List<RemediationOption> out = new ArrayList<>();
    Optional<String> productId = finding.matchedBy().productId();
    if (vulnerability.isPresent()) {
      for (Remediation r : vulnerability.get().remediations()) {
        if (!r.productIds().isEmpty()
            && productId.isPresent()
            && !r.productIds().contains(productId.get())) {
          continue;
        }
        out.add(
            new RemediationOption(
                kind(r.category()),
                r.details().isBlank() ? r.category().name() : r.details(),
                r.category() == Remediation.Category.VENDOR_FIX
                    ? fixedVersion(r.details())
                    : Optional.empty(),
                r.url(),
                finding.advisoryId()));
      }
    }
    boolean patch = out.stream().anyMatch(o -> o.kind() == RemediationOption.Kind.PATCH);
    if (!patch) {
      for (String advice : adviceFor(category)) {
        out.add(
            new RemediationOption(
                RemediationOption.Kind.COMPENSATING_CONTROL,
                advice,
                Optional.empty(),
                Optional.empty(),
                "ward"));
      }
    }
    return List.copyOf(out);
  }

  /** The first version a vendor-fix text names, e.g. {@code 3.6.7} in "update to Version 3.6.7". */
  public static Optional<String> fixedVersion(String text) {
    Matcher m = FIXED_VERSION.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Ward's advice for a category (the default list when the category has none). */
  public static List<String> adviceFor(Category category) {
    return ADVICE.getOrDefault(category.id(), ADVICE.get("default"));
  }

  private static RemediationOption.Kind kind(Remediation.Category c) {
    switch (c) {
      case VENDOR_FIX:
        return RemediationOption.Kind.PATCH;
      case WORKAROUND:
        return RemediationOption.Kind.WORKAROUND;
      case MITIGATION:
        return RemediationOption.Kind.MITIGATION;
      default:
        return RemediationOption.Kind.NO_FIX;
    }
  }

  private static Map<String, List<String>> load() {
    try (InputStream in =
        RemediationOptions.class.getResourceAsStream("compensating-controls.yaml")) {
      if (in == null) {
        throw new IllegalStateException("compensating-controls.yaml missing from the classpath");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Map<String, List<String>> out = new HashMap<>();
      root.path("advice")
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("default") && Category.fromId(e.getKey()).isEmpty()) {
                  throw new IllegalStateException(
                      "compensating-controls.yaml: unknown category " + e.getKey());
                }
                List<String> list = new ArrayList<>();
                e.getValue().forEach(n -> list.add(n.asText()));
                out.put(e.getKey(), List.copyOf(list));
              });
      if (!out.containsKey("default")) {
        throw new IllegalStateException("compensating-controls.yaml needs a 'default' entry");
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
