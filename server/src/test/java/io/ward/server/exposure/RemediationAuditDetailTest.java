package io.ward.server.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What the audit log records of a new remediation record, whole, whatever its size. */
class RemediationAuditDetailTest {

  @Test
  void shouldListTheIdsOfASmallRecord() {
    Remediation.Draft draft =
        new Remediation.Draft(
            "Patch pumps",
            List.of(11L, 12L),
            List.of(3L),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("advisory cisa|ICSA-1"));

    assertThat(RemediationService.createdDetail(draft, Optional.empty()))
        .isEqualTo("Patch pumps [group: advisory cisa|ICSA-1]; findings [11, 12], devices [3]");
  }

  @Test
  void shouldCountTheIdsOfAGroupTooLargeToListWithinWhatTheAuditLogKeeps() {
    List<Long> findings = LongStream.rangeClosed(100_000, 100_999).boxed().toList();
    List<Long> devices = LongStream.rangeClosed(1, 400).boxed().toList();
    Remediation.Draft draft =
        new Remediation.Draft(
            "Group",
            findings,
            devices,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("CVE-2024-1"));

    String detail = RemediationService.createdDetail(draft, Optional.empty());

    assertThat(detail)
        .startsWith("Group [group: CVE-2024-1]; 1000 findings, 400 devices")
        .hasSizeLessThanOrEqualTo(4000);
  }
}
