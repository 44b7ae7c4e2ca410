package io.ward.server.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.exposure.remediation.RemediationPolicy;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.Software;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.ingest.IngestService;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobState;
import io.ward.server.inventory.StoredDevices;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The exposure module's remediation rules as the server applies them, on both databases: the due
 * date from the policy, verification of patched records by a later capture, and expiry of risk
 * acceptances.
 */
class RemediationRulesTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  /** The policy is read from the settings; no database needed. */
  @Test
  void shouldReadThePolicyFromTheSettingsAndRefuseNonsense() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test",
                Map.of(
                    RemediationService.POLICY_PREFIX + "kev", "7",
                    RemediationService.POLICY_PREFIX + "act-now", "20")));
    RemediationPolicy p = RemediationService.policy(env);
    RemediationPolicy defaults = RemediationPolicy.defaults();
    assertThat(p.kevDays()).isEqualTo(7);
    assertThat(p.daysByDecision().get(Decision.ACT_NOW)).isEqualTo(20);
    // Unset ones keep Ward's defaults.
    assertThat(p.daysByDecision().get(Decision.TRACK))
        .isEqualTo(defaults.daysByDecision().get(Decision.TRACK));
    assertThat(RemediationService.policy(new StandardEnvironment())).isEqualTo(defaults);

    env.getPropertySources()
        .addFirst(
            new MapPropertySource("bad", Map.of(RemediationService.POLICY_PREFIX + "track", "-3")));
    assertThatThrownBy(() -> RemediationService.policy(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ward.remediation.due.track");
  }

  abstract static class Contract extends StoreContract {
    static final String DCMTK = "pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng";
    static final String DCMTK_TLS =
        "pcaps/dcmtk-loopback-generated/dicom_tls_dcmtk_loopback.pcapng";

    final Actor actor = new Actor("tester", "127.0.0.1");

    RemediationService service() {
      return store.bean(RemediationService.class);
    }

    LocalDate today() {
      return LocalDate.now(ZoneOffset.UTC);
    }

    long device(String key, String firmware) {
      return device(key, firmware, System.currentTimeMillis() * 1_000_000L);
    }

    /** 2026-01-01, before the DCMTK captures were recorded (2026-11-28). */
    static final long EARLIER_INVENTORY = 1_767_225_600_000_000_000L;

    /** A host the inventory knows only by DCMTK {@code version}, seen on it as software. */
    long dcmtkHost(String key, String version, long seen) {
      Device d =
          new Device(
              key,
              Optional.empty(),
              List.of(IpAddress.parse("127.0.0.1")),
              List.of(),
              Set.of(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Category.IMAGING_MODALITY,
              Optional.empty(),
              true,
              Criticality.HIGH,
              Set.of(),
              Set.of(),
              Set.of(),
              Set.of(),
              seen,
              seen,
              List.of(),
              List.of(
                  new Software(
                      Optional.of("OFFIS"),
                      "DCMTK",
                      Optional.of(version),
                      "dicom.implementationVersionName",
                      "OFFIS_DCMTK_" + version.replace(".", ""),
                      Optional.of("dicom-dcmtk-version"),
                      0.6)));
      StoredDevices.merge(store, "%064x".formatted(key.hashCode() & 0xffffffffL), List.of(d));
      return store
          .jdbc()
          .sql("SELECT id FROM device WHERE device_key = ?")
          .param(key)
          .query(Long.class)
          .single();
    }

    /** The software names the console shows for a stored device. */
    String softwareShown(long device) {
      return store
          .jdbc()
          .sql("SELECT software_names FROM device WHERE id = ?")
          .param(device)
          .query(String.class)
          .single();
    }

    long device(String key, String firmware, long seen) {
      Device d =
          new Device(
              key,
              Optional.empty(),
              List.of(IpAddress.parse("127.0.0.1")),
              List.of(),
              Set.of(),
              Optional.of("OFFIS"),
              Optional.of("DCMTK"),
              Optional.empty(),
              Optional.ofNullable(firmware),
              Optional.empty(),
              Category.IMAGING_MODALITY,
              Optional.empty(),
              true,
              Criticality.HIGH,
              Set.of(),
              Set.of(),
              Set.of(),
              Set.of(),
              seen,
              seen,
              List.of());
      StoredDevices.merge(store, "%064x".formatted(key.hashCode() & 0xffffffffL), List.of(d));
      return store
          .jdbc()
          .sql("SELECT id FROM device WHERE device_key = ?")
          .param(key)
          .query(Long.class)
          .single();
    }

    long finding(long deviceId, String cve, Decision decision, boolean kev) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
      String key = "test|" + deviceId + "|" + cve;
      store
          .jdbc()
          .sql(
              "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key,"
                  + " title, status, score, decision, kev, first_seen, last_seen)"
                  + " VALUES (?, ?, 'VULNERABILITY', ?, 'csaf|TEST', ?, 'AFFECTED', 50, ?, ?, ?, ?)")
          .params(key, deviceId, cve, "Test " + cve, decision.name(), kev, now, now)
          .update();
      return store
          .jdbc()
          .sql("SELECT id FROM finding WHERE finding_key = ?")
          .param(key)
          .query(Long.class)
          .single();
    }

    Remediation create(String title, List<Long> findings, List<Long> devices, LocalDate due) {
      return service()
          .create(
              new Remediation.Draft(
                  title,
                  findings,
                  devices,
                  Optional.empty(),
                  Optional.ofNullable(due),
                  Optional.empty()),
              actor);
    }

    Job ingest(String relative) throws Exception {
      Path file = TestData.file(relative);
      try (InputStream in = Files.newInputStream(file)) {
        Job job =
            store.bean(IngestService.class).submitCapture(in, file.getFileName().toString(), actor);
        Job done = store.finished(job.id());
        assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
        return done;
      }
    }

    long audits(String action, long remediationId) {
      return store
          .jdbc()
          .sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = ?")
          .params(action, "remediation:" + remediationId)
          .query(Long.class)
          .single();
    }

    @Test
    void shouldTakeTheDueDateFromThePolicyWhenNoneIsGivenAndTheMostUrgentFindingDecides() {
      long d = device("mac:02:00:00:00:01:01", "1.0");
      long kev = finding(d, "CVE-2099-0001", Decision.ACT_SOON, true);
      long track = finding(d, "CVE-2099-0002", Decision.TRACK, false);
      RemediationPolicy policy = service().policy();

      Remediation r = create("Patch the modality", List.of(track, kev), List.of(d), null);
      // The expected date comes from the policy in force, not from a number written here.
      LocalDate expected = policy.due(r.opened(), Decision.ACT_SOON, true);
      assertThat(r.opened()).isEqualTo(today());
      assertThat(expected).isBefore(policy.due(r.opened(), Decision.TRACK, false));
      assertThat(r.due()).contains(expected);
      assertThat(r.dueBasis())
          .hasValueSatisfying(b -> assertThat(b).startsWith("policy:").contains("CVE-2099-0001"));

      Remediation trackOnly = create("Track it", List.of(track), List.of(d), null);
      assertThat(trackOnly.due()).contains(policy.due(today(), Decision.TRACK, false));

      // A date someone gives wins over the policy, and is not labelled as the policy's.
      LocalDate agreed = today().plusDays(90);
      Remediation explicit = create("Agreed with the ward", List.of(kev), List.of(d), agreed);
      assertThat(explicit.due()).contains(agreed);
      assertThat(explicit.dueBasis()).isEmpty();

      // Without findings there is nothing for the policy to go by.
      assertThat(create("Segment the VLAN", List.of(), List.of(d), null).due()).isEmpty();

      // Setting the date by hand later makes it a person's date.
      Remediation edited =
          service()
              .update(
                  r.id(),
                  r.version(),
                  new Remediation.Edit(
                      Optional.empty(), Optional.of(agreed), Optional.empty(), Optional.empty()),
                  actor);
      assertThat(edited.due()).contains(agreed);
      assertThat(edited.dueBasis()).isEmpty();
    }

    @Test
    void shouldVerifyAPatchedRecordOnlyAfterACaptureShowsTheFixedFirmware() throws Exception {
      // An earlier inventory (before both captures were recorded) knew the DCMTK host on
      // loopback with an old release of DCMTK, software seen on it (it has no firmware of its own).
      long d = dcmtkHost("ip:127.0.0.1", "3.6.6", EARLIER_INVENTORY);
      Remediation fixedIn367 = patched(d, "3.6.7");
      Remediation fixedIn368 = patched(d, "3.6.8");
      assertThat(fixedIn367.verified()).isFalse();

      // The plain capture shows DCMTK 3.6.7 (its implementation version name). The captures are
      // ingested in the order they were recorded: an older capture ingested later does not change
      // what a later one saw.
      ingest(DCMTK);
      assertThat(firmware(d)).isEmpty();
      assertThat(softwareShown(d)).isEqualTo("OFFIS DCMTK 3.6.7");
      Remediation verified = service().get(fixedIn367.id()).orElseThrow();
      assertThat(verified.verified()).isTrue();
      assertThat(verified.status()).isEqualTo(RemediationStatus.PATCHED);
      Remediation.Change last = verified.history().get(verified.history().size() - 1);
      assertThat(last.by()).isEqualTo("ward");
      assertThat(last.note()).startsWith("verified").contains("3.6.7");
      assertThat(audits("remediation.verify", fixedIn367.id())).isEqualTo(1);

      // The TLS capture, recorded later, shows the host again but not its release: the release
      // stays, and nothing more is verified.
      ingest(DCMTK_TLS);
      assertThat(softwareShown(d)).isEqualTo("OFFIS DCMTK 3.6.7");

      // The device still runs a release below 3.6.8: that record stays patched and unverified.
      Remediation notYet = service().get(fixedIn368.id()).orElseThrow();
      assertThat(notYet.verified()).isFalse();
      assertThat(notYet.status()).isEqualTo(RemediationStatus.PATCHED);
      assertThat(audits("remediation.verify", fixedIn368.id())).isZero();

      // A new fixed version must be verified again.
      Remediation changed =
          service()
              .update(
                  verified.id(),
                  verified.version(),
                  new Remediation.Edit(
                      Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("3.7.0")),
                  actor);
      assertThat(changed.verified()).isFalse();
    }

    Remediation patched(long device, String fixedVersion) {
      Remediation r = create("Update DCMTK to " + fixedVersion, List.of(), List.of(device), null);
      r =
          service()
              .update(
                  r.id(),
                  r.version(),
                  new Remediation.Edit(
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.of(fixedVersion)),
                  actor);
      return service()
          .transition(
              r.id(),
              RemediationStatus.PATCHED,
              "vendor update installed",
              Optional.empty(),
              actor);
    }

    String firmware(long device) {
      return store
          .jdbc()
          .sql("SELECT firmware FROM device WHERE id = ?")
          .param(device)
          .query(String.class)
          .single();
    }

    @Test
    void shouldReopenARiskAcceptanceWhenItExpires() {
      Remediation expiring = accepted("No patch until the scanner is replaced");
      Remediation current = accepted("Vendor patch due next quarter");
      // The acceptance was given until yesterday (dates in the past cannot be entered, so the
      // stored expiry is moved back as time passing would).
      store
          .jdbc()
          .sql("UPDATE remediation SET acceptance_expires = ? WHERE id = ?")
          .params(today().minusDays(1), expiring.id())
          .update();

      List<Remediation> board = service().board(Optional.empty(), Optional.empty(), false);
      Remediation reopened =
          board.stream().filter(r -> r.id() == expiring.id()).findFirst().orElseThrow();
      assertThat(reopened.status()).isEqualTo(RemediationStatus.OPEN);
      assertThat(reopened.acceptance()).isEmpty();
      assertThat(reopened.closed()).isEmpty();
      Remediation.Change last = reopened.history().get(reopened.history().size() - 1);
      assertThat(last.from()).isEqualTo(RemediationStatus.RISK_ACCEPTED);
      assertThat(last.to()).isEqualTo(RemediationStatus.OPEN);
      assertThat(last.by()).isEqualTo("ward");
      assertThat(last.note()).contains("expired");
      assertThat(audits("remediation.transition", expiring.id())).isEqualTo(2);

      // An acceptance that has not expired stays, and reading again changes nothing more.
      assertThat(service().get(current.id()).orElseThrow().status())
          .isEqualTo(RemediationStatus.RISK_ACCEPTED);
      assertThat(service().get(expiring.id()).orElseThrow().history()).hasSize(2);
      assertThat(audits("remediation.transition", expiring.id())).isEqualTo(2);
    }

    Remediation accepted(String reason) {
      Remediation r = create(reason, List.of(), List.of(), null);
      return service()
          .transition(
              r.id(),
              RemediationStatus.RISK_ACCEPTED,
              reason,
              Optional.of(new RiskAcceptance("CISO", reason, today().plusDays(30))),
              actor);
    }
  }
}
