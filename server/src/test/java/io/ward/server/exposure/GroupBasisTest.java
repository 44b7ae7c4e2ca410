package io.ward.server.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How a group record says what it left out, and how the console reads that back. */
class GroupBasisTest {

  static RemediationGroups.Selection coveredBy(long findings, long records) {
    return new RemediationGroups.Selection(
        List.of(1L), List.of(2L), findings, LongStream.rangeClosed(1, records).boxed().toList());
  }

  @Test
  void shouldNameTenRecordsAndMarkOnlyWhenThereAreMore() {
    assertThat(coveredBy(12, 10).records())
        .isEqualTo("records #1, #2, #3, #4, #5, #6, #7, #8, #9, #10");
    assertThat(coveredBy(12, 11).records())
        .isEqualTo("records #1, #2, #3, #4, #5, #6, #7, #8, #9, #10, …")
        .doesNotContain("#11");
    assertThat(coveredBy(1, 1).leftOut())
        .isEqualTo("1 finding already in open work left out (record #1)");
    assertThat(coveredBy(0, 0).leftOut()).isEmpty();
  }

  @Test
  void shouldShortenTheSelectorNeverTheNoteAndReadTheNoteBack() {
    String longSelector = "advisory csaf|" + "X".repeat(400);
    for (RemediationGroups.Selection s :
        List.of(coveredBy(1, 1), coveredBy(5, 3), coveredBy(900, 11))) {
      String basis = RemediationGroups.groupBasis(longSelector, s.leftOut());
      assertThat(basis).hasSizeLessThanOrEqualTo(RemediationGroups.MAX_BASIS).endsWith(s.leftOut());
      assertThat(RemediationGroups.leftOut(basis)).contains(s.leftOut());
    }
    assertThat(RemediationGroups.groupBasis(longSelector, "")).hasSize(RemediationGroups.MAX_BASIS);
    assertThat(RemediationGroups.leftOut(RemediationGroups.groupBasis(longSelector, ""))).isEmpty();
  }
}
