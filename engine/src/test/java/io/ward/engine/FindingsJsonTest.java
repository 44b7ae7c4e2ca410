package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.exposure.AssessedFinding;
import io.ward.exposure.ExposureReport;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code ward.findings/1} document names its values as docs/findings-schema.md lists them. */
class FindingsJsonTest {

  @Test
  void shouldWriteTheMatchRuleAsItsKebabCaseIdLikeEveryOtherValue() throws IOException {
    // A recall is decided on the product alone: the one rule whose name has two words.
    MatchReason why =
        new MatchReason(
            "Z-0003-2023",
            Optional.empty(),
            "Patient monitor, Model Number MX-450",
            MatchRule.PRODUCT_ONLY,
            Optional.empty(),
            "model",
            "MX-450",
            List.of(),
            0.6,
            "model number MX-450 appears in the recalled product description");
    Finding recall =
        new Finding(
            "mac:00:00:00:00:00:01|Z-0003-2023|recall",
            FindingKind.RECALL,
            "mac:00:00:00:00:00:01",
            "Z-0003-2023",
            "Z-0003-2023",
            "FDA recall Z-0003-2023",
            FindingStatus.POSSIBLY_AFFECTED,
            Optional.of("only the model number matched"),
            why);
    RiskAssessment risk =
        new RiskAssessment(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            false,
            Optional.empty(),
            "none",
            false,
            "partial",
            "high",
            Decision.ACT_SOON,
            40,
            List.of("decision: act-soon, score 40"));
    RemediationOption none =
        new RemediationOption(
            RemediationOption.Kind.NO_FIX,
            "The maker plans no fix",
            Optional.empty(),
            Optional.empty(),
            "Z-0003-2023");
    ExposureReport report =
        new ExposureReport(
            List.of(new AssessedFinding(recall, risk, List.of(none))), List.of(), List.of());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FindingsJson.write(report, out);

    JsonNode f = new ObjectMapper().readTree(out.toByteArray()).path("findings").get(0);
    assertThat(f.path("matchedBy").path("rule").asText()).isEqualTo("product-only");
    assertThat(f.path("kind").asText()).isEqualTo("recall");
    assertThat(f.path("status").asText()).isEqualTo("possibly-affected");
    assertThat(f.path("decision").asText()).isEqualTo("act-soon");
    assertThat(f.path("remediations").get(0).path("kind").asText()).isEqualTo("no-fix");
  }
}
