package io.ward.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactsTest {

  private static final Endpoint HOST =
      new Endpoint(Optional.empty(), Optional.of(IpAddress.parse("10.0.0.1")), 0);

  @Test
  void keepsFactsInOrderWithWholeValuesThatObservationsCut() {
    String longValue = "x".repeat(Observation.MAX_VALUE_CHARS + 10);
    Facts f = Facts.builder().add("a.one", "1").add("a.two", longValue).build();
    assertThat(f.size()).isEqualTo(2);
    assertThat(f.field(0)).isEqualTo("a.one");
    assertThat(f.value(0)).isEqualTo("1");
    assertThat(f.value(1)).isEqualTo(longValue);
    assertThat(f.observation(1, 5, HOST).value())
        .isEqualTo(Observation.cut(longValue))
        .isEqualTo(longValue.substring(0, Observation.MAX_VALUE_CHARS));
    assertThat(f.observation(0, 5, HOST)).isEqualTo(new Observation(5, HOST, "a.one", "1"));
  }

  @Test
  void isEqualByContentsInOrder() {
    Facts a = Facts.builder().add("f", "1").add("g", "2").build();
    Facts same = Facts.builder().add("f", "1").add("g", "2").build();
    Facts swapped = Facts.builder().add("g", "2").add("f", "1").build();
    Facts otherValue = Facts.builder().add("f", "1").add("g", "3").build();
    assertThat(same).isEqualTo(a).hasSameHashCodeAs(a).isNotSameAs(a);
    assertThat(swapped).isNotEqualTo(a);
    assertThat(otherValue).isNotEqualTo(a);
    assertThat(Facts.builder().build()).isSameAs(Facts.NONE);
    assertThat(a).hasToString("Facts[f=1, g=2]");
  }
}
