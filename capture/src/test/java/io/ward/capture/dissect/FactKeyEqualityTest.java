package io.ward.capture.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import org.junit.jupiter.api.Test;

/**
 * The fact keys write out equals and hashCode (for speed under the C1 compiler); dissectors report
 * a fact once per key, so keys must be equal exactly when every component is.
 */
class FactKeyEqualityTest {

  private static final Endpoint PUMP =
      Endpoint.of(MacAddress.parse("00:09:fb:00:00:01"), IpAddress.parse("10.21.1.6"), 0);

  @Test
  void subjectFactsDifferInEveryComponent() {
    SubjectFact fact = new SubjectFact(PUMP, "dhcp.hostname", "ICU-PUMP-1");
    SubjectFact same =
        new SubjectFact(
            Endpoint.of(MacAddress.parse("00:09:fb:00:00:01"), IpAddress.parse("10.21.1.6"), 0),
            new String("dhcp.hostname"),
            new String("ICU-PUMP-1"));
    assertThat(same).isEqualTo(fact).hasSameHashCodeAs(fact);
    assertThat(
            new SubjectFact(
                Endpoint.ofIp(IpAddress.parse("10.21.1.6"), 0), "dhcp.hostname", "ICU-PUMP-1"))
        .isNotEqualTo(fact);
    assertThat(new SubjectFact(PUMP, "nbns.name", "ICU-PUMP-1")).isNotEqualTo(fact);
    assertThat(new SubjectFact(PUMP, "dhcp.hostname", "ICU-PUMP-2")).isNotEqualTo(fact);
    assertThat(new SubjectFact(PUMP, null, null))
        .isEqualTo(new SubjectFact(PUMP, null, null))
        .isNotEqualTo(fact);
    assertThat(fact).isNotEqualTo(null).isNotEqualTo(new SideFact(true, "dhcp.hostname", "x"));
  }

  @Test
  void sideFactsDifferInEveryComponent() {
    SideFact fact = new SideFact(true, "hl7.sendingApplication", "PIIC_iX");
    assertThat(new SideFact(true, new String("hl7.sendingApplication"), new String("PIIC_iX")))
        .isEqualTo(fact)
        .hasSameHashCodeAs(fact);
    assertThat(new SideFact(false, "hl7.sendingApplication", "PIIC_iX")).isNotEqualTo(fact);
    assertThat(new SideFact(true, "hl7.receivingApplication", "PIIC_iX")).isNotEqualTo(fact);
    assertThat(new SideFact(true, "hl7.sendingApplication", "EPIC")).isNotEqualTo(fact);
    assertThat(fact).isNotEqualTo(null).isNotEqualTo("PIIC_iX");
  }
}
