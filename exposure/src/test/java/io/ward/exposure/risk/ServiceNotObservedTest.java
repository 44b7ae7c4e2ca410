package io.ward.exposure.risk;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.exposure.AssessedFinding;
import io.ward.exposure.ExposureAnalyzer;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.ExposureReport;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.exposure.match.RealAdvisories;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.KevEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The service-not-observed control derived by the whole analysis from real CISA advisories: one
 * whose text names Telnet (icsma-19-113-01, CVE-2019-10950) beside one that names no service
 * (CVE-2019-10948), and KEV flaws reached through SMBv1 (icsma-18-058-02) and RDP (icsma-20-049-01,
 * BlueKeep). The control needs a device seen serving for at least a week (by default): a shorter
 * window or a client-only device tells too little to lower clinical urgency.
 */
class ServiceNotObservedTest {

  private static final List<KevEntry> KEV =
      new KevReader()
          .read(
              RealAdvisories.testData()
                  .resolve("advisories/cisa-kev/known_exploited_vulnerabilities.json"))
          .items();

  private static final ExposureKnowledge KNOWLEDGE =
      new ExposureKnowledge(
          List.of(
              RealAdvisories.icsma("icsma-19-113-01"),
              RealAdvisories.icsma("icsma-18-058-02"),
              RealAdvisories.icsma("icsma-20-049-01")),
          KEV,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of());

  private static final long FIRST = Instant.parse("2025-01-01T08:00:00Z").getEpochSecond();
  private static final long THREE_DAYS = 3 * 86_400L;
  private static final long WEEK = 7 * 86_400L;
  private static final long TWO_HOURS = 2 * 3_600L;

  private static final LocalDate DAY = LocalDate.of(2025, 1, 10);

  private static final String TELNET = "CVE-2019-10950";
  private static final String NO_SERVICE = "CVE-2019-10948";

  /** The device as the inventory sees it after {@code seconds} of traffic. */
  private static Device seen(Device d, Set<String> served, Set<String> used, long seconds) {
    return new Device(
        d.id(),
        d.mac(),
        d.ips(),
        d.hostnames(),
        d.vlans(),
        d.vendor(),
        d.model(),
        d.os(),
        d.firmware(),
        d.serial(),
        d.category(),
        d.modality(),
        d.medical(),
        d.criticality(),
        used,
        served,
        d.aeTitles(),
        d.hl7Applications(),
        FIRST * 1_000_000_000L,
        (FIRST + seconds) * 1_000_000_000L,
        d.evidence());
  }

  private static Device capsula(String id) {
    return device(
        id, "Fujifilm", "FCR Capsula X", "CR-IR 357", Category.IMAGING_MODALITY, Criticality.HIGH);
  }

  private static Device isp(String id) {
    return device(
        id,
        "Philips Healthcare",
        "IntelliSpace Portal 8.0.x",
        null,
        Category.CLINICAL_SYSTEM,
        Criticality.HIGH);
  }

  private static ExposureReport analyze(List<Device> devices, ExposureOptions options) {
    return new ExposureAnalyzer().analyze(devices, KNOWLEDGE, options);
  }

  private static ExposureReport analyze(List<Device> devices) {
    return analyze(devices, ExposureOptions.of(DAY));
  }

  /** Options that accept three days of traffic as enough, as a site may configure. */
  private static ExposureOptions threeDaysEnough() {
    return ExposureOptions.of(DAY).withServiceObservationMinimum(Duration.ofDays(3));
  }

  private static ServiceMention telnet() {
    return new ServiceMention(
        List.of("Telnet"), Set.of("telnet"), "insecure telnet services", Optional.empty());
  }

  private static AssessedFinding finding(ExposureReport r, String device, String cve) {
    return r.findingsOf(device).stream()
        .filter(f -> f.finding().vulnerability().equals(cve))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + cve + " on " + device));
  }

  private static String why(AssessedFinding f) {
    return String.join("\n", f.risk().rationale());
  }

  @Test
  void shouldLowerATelnetFlawOnlyOnADeviceSeenNotServingTelnet() {
    Device serving = seen(capsula("mac:serving"), Set.of("telnet", "dicom"), Set.of(), THREE_DAYS);
    Device silent = seen(capsula("mac:silent"), Set.of("dicom"), Set.of("hl7"), THREE_DAYS);
    Device cmdbOnly = capsula("mac:cmdb");
    ExposureReport r = analyze(List.of(serving, silent, cmdbOnly), threeDaysEnough());

    AssessedFinding kept = finding(r, "mac:serving", TELNET);
    AssessedFinding lowered = finding(r, "mac:silent", TELNET);
    AssessedFinding unknown = finding(r, "mac:cmdb", TELNET);

    // SSVC: no known exploitation, automatable, total impact, imaging modality: attend.
    assertThat(kept.risk().decision()).isEqualTo(Decision.ACT_SOON);
    assertThat(unknown.risk().decision()).isEqualTo(kept.risk().decision());
    assertThat(unknown.risk().score()).isEqualTo(kept.risk().score());
    assertThat(lowered.risk().decision()).isEqualTo(Decision.TRACK);
    assertThat(lowered.risk().score()).isLessThan(kept.risk().score());
    assertThat(why(lowered)).contains("controls -5");
    assertThat(why(kept)).doesNotContain("controls -");

    assertThat(lowered.risk().rationale())
        .anyMatch(
            l ->
                l.startsWith(
                        "compensating control service-not-observed: the flaw is reached"
                            + " through Telnet (advisory text: 'The device provides insecure telnet"
                            + " services that lack authentication requirements.')")
                    && l.contains(
                        "Ward has not seen this device serve or use Telnet in 3 days of traffic"
                            + " (2025-01-01 to 2025-01-04)")
                    && l.contains(
                        "a service not in use is a weaker path, not a closed one: verify it is"
                            + " disabled")
                    && l.endsWith("one step less urgent"));
    assertThat(why(kept))
        .contains("this device uses it (telnet seen in its traffic), so no compensating control")
        .doesNotContain("service-not-observed");
    assertThat(why(unknown))
        .contains("Ward has no traffic of this device")
        .doesNotContain("service-not-observed");
  }

  @Test
  void shouldNotLowerAfterThreeDaysOfTrafficWithTheDefaultWeek() {
    Device silent = seen(capsula("mac:silent"), Set.of("dicom"), Set.of("hl7"), THREE_DAYS);
    Device cmdbOnly = capsula("mac:cmdb");
    ExposureReport r = analyze(List.of(silent, cmdbOnly));
    AssessedFinding f = finding(r, "mac:silent", TELNET);
    AssessedFinding unknown = finding(r, "mac:cmdb", TELNET);
    assertThat(f.risk().decision()).isEqualTo(Decision.ACT_SOON);
    assertThat(f.risk().score()).isEqualTo(unknown.risk().score());
    assertThat(why(f))
        .contains(
            "Ward has seen this device for 3 days only (needs 7 days) to judge whether it serves"
                + " Telnet; no compensating control")
        .doesNotContain("service-not-observed", "controls -");
  }

  @Test
  void shouldLowerAfterAWeekOfTrafficWithTheDefaults() {
    Device silent = seen(capsula("mac:silent"), Set.of("dicom"), Set.of("hl7"), WEEK);
    AssessedFinding f = finding(analyze(List.of(silent)), "mac:silent", TELNET);
    assertThat(f.risk().decision()).isEqualTo(Decision.TRACK);
    assertThat(why(f))
        .contains(
            "compensating control service-not-observed",
            "Ward has not seen this device serve or use Telnet in 7 days of traffic"
                + " (2025-01-01 to 2025-01-08)",
            "controls -5");
  }

  @Test
  void shouldNotLowerADeviceSeenForTwoHoursOnly() {
    Device brief = seen(capsula("mac:brief"), Set.of("dicom"), Set.of(), TWO_HOURS);
    Device serving = seen(capsula("mac:serving"), Set.of("telnet", "dicom"), Set.of(), WEEK);
    ExposureReport r = analyze(List.of(brief, serving));
    AssessedFinding f = finding(r, "mac:brief", TELNET);
    AssessedFinding kept = finding(r, "mac:serving", TELNET);
    assertThat(f.risk().decision()).isEqualTo(kept.risk().decision()).isEqualTo(Decision.ACT_SOON);
    assertThat(f.risk().score()).isEqualTo(kept.risk().score());
    assertThat(why(f))
        .contains(
            "Ward has seen this device for 2 hours only (needs 7 days) to judge whether it serves"
                + " Telnet; no compensating control")
        .doesNotContain("service-not-observed");
  }

  @Test
  void shouldNotLowerADeviceSeenOnlyAsAClient() {
    // A week of DHCP and DNS requests: nothing tells what the device listens on.
    Device client = seen(capsula("mac:client"), Set.of(), Set.of("dhcp", "dns"), WEEK);
    Device cmdbOnly = capsula("mac:cmdb");
    ExposureReport r = analyze(List.of(client, cmdbOnly));
    AssessedFinding f = finding(r, "mac:client", TELNET);
    AssessedFinding unknown = finding(r, "mac:cmdb", TELNET);
    assertThat(f.risk().decision()).isEqualTo(unknown.risk().decision());
    assertThat(f.risk().score()).isEqualTo(unknown.risk().score());
    assertThat(why(f))
        .contains(
            "Ward has seen this device only as a client, never serving any protocol, so what it"
                + " listens on is not known and whether it serves Telnet cannot be judged;"
                + " no compensating control")
        .doesNotContain("service-not-observed", "needs 7 days");
  }

  @Test
  void shouldNameBothGapsForAClientSeenBriefly() {
    Device client = seen(capsula("mac:client"), Set.of(), Set.of("dhcp"), 30L);
    ServiceUse use = ServiceUse.of(client, telnet());
    assertThat(use.verdict()).isEqualTo(ServiceUse.Verdict.NOT_SERVING);
    assertThat(use.notObserved()).isFalse();
    assertThat(use.explanation())
        .contains(
            "only as a client",
            "Ward has seen this device for less than a minute only (needs 7 days)");
  }

  @Test
  void shouldJudgeTheWindowAgainstTheConfiguredMinimum() {
    Device d = seen(capsula("mac:x"), Set.of("dicom"), Set.of(), 36 * 3_600L);
    assertThat(ServiceUse.of(d, telnet()).verdict()).isEqualTo(ServiceUse.Verdict.SHORT_WINDOW);
    assertThat(ServiceUse.of(d, telnet(), Duration.ofHours(36)).notObserved()).isTrue();
    ServiceUse longer = ServiceUse.of(d, telnet(), Duration.ofHours(37));
    assertThat(longer.verdict()).isEqualTo(ServiceUse.Verdict.SHORT_WINDOW);
    assertThat(longer.explanation())
        .contains("Ward has seen this device for 1 day only (needs 37 hours)");
  }

  @Test
  void shouldNotLowerADeviceWhoseTrafficWindowIsUnknown() {
    Device noTimes = seen(capsula("mac:x"), Set.of("dicom"), Set.of(), 0L);
    Device unknown =
        new Device(
            noTimes.id(),
            noTimes.mac(),
            noTimes.ips(),
            noTimes.hostnames(),
            noTimes.vlans(),
            noTimes.vendor(),
            noTimes.model(),
            noTimes.os(),
            noTimes.firmware(),
            noTimes.serial(),
            noTimes.category(),
            noTimes.modality(),
            noTimes.medical(),
            noTimes.criticality(),
            noTimes.protocolsAsClient(),
            noTimes.protocolsAsServer(),
            noTimes.aeTitles(),
            noTimes.hl7Applications(),
            0L,
            0L,
            noTimes.evidence());
    ServiceUse use = ServiceUse.of(unknown, telnet());
    assertThat(use.verdict()).isEqualTo(ServiceUse.Verdict.SHORT_WINDOW);
    assertThat(use.explanation()).contains("Ward has seen this device for an unknown time");
    assertThat(ServiceUse.of(unknown, telnet(), Duration.ZERO).notObserved()).isTrue();
  }

  @Test
  void shouldRejectANegativeMinimum() {
    Device d = seen(capsula("mac:x"), Set.of("dicom"), Set.of(), WEEK);
    assertThatThrownBy(() -> ServiceUse.of(d, telnet(), Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () -> ExposureOptions.of(DAY).withServiceObservationMinimum(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minimum observation window");
    assertThat(ExposureOptions.of(DAY).serviceObservationMinimum()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldLeaveAFlawWhoseTextNamesNoServiceAsItWas() {
    Device silent = seen(capsula("mac:silent"), Set.of("dicom"), Set.of(), WEEK);
    Device cmdbOnly = capsula("mac:cmdb");
    ExposureReport r = analyze(List.of(silent, cmdbOnly));
    AssessedFinding observed = finding(r, "mac:silent", NO_SERVICE);
    AssessedFinding unobserved = finding(r, "mac:cmdb", NO_SERVICE);
    assertThat(observed.risk().decision()).isEqualTo(unobserved.risk().decision());
    assertThat(observed.risk().score()).isEqualTo(unobserved.risk().score());
    assertThat(observed.risk().rationale()).isEqualTo(unobserved.risk().rationale());
    assertThat(why(observed)).doesNotContain("reached through", "service-not-observed");
  }

  @Test
  void shouldCountAProtocolTheDeviceUsesAsAClientAsInUse() {
    Device client = seen(capsula("mac:client"), Set.of("dicom"), Set.of("telnet"), WEEK);
    AssessedFinding f = finding(analyze(List.of(client)), "mac:client", TELNET);
    assertThat(f.risk().decision()).isEqualTo(Decision.ACT_SOON);
    assertThat(why(f)).doesNotContain("service-not-observed");
  }

  @Test
  void shouldNotLowerAnInternetReachableDevice() {
    Device silent = seen(capsula("mac:silent"), Set.of("dicom"), Set.of(), WEEK);
    Device serving = seen(capsula("mac:serving"), Set.of("telnet"), Set.of(), WEEK);
    DeviceExposure internet = new DeviceExposure(Exposure.INTERNET, Set.of());
    ExposureReport r =
        analyze(
            List.of(silent, serving),
            ExposureOptions.of(DAY)
                .withExposures(Map.of("mac:silent", internet, "mac:serving", internet)));
    AssessedFinding f = finding(r, "mac:silent", TELNET);
    AssessedFinding open = finding(r, "mac:serving", TELNET);
    assertThat(f.risk().decision()).isEqualTo(open.risk().decision());
    assertThat(f.risk().score()).isEqualTo(open.risk().score());
    assertThat(why(f))
        .contains("service-not-observed", "not counted: the device is reachable from the internet");
  }

  @Test
  void shouldKeepAKevFlawAtActSoonWhenItsServiceIsNotObserved() {
    // Printer-like context: SSVC alone would track the EternalBlue findings, KEV keeps act soon.
    Device low =
        device(
            "mac:isp-low",
            "Philips Healthcare",
            "IntelliSpace Portal 8.0.x",
            null,
            Category.PRINTER,
            Criticality.LOW);
    Device silent = seen(low, Set.of("dicom", "http"), Set.of(), WEEK);
    ExposureReport r =
        analyze(
            List.of(silent),
            ExposureOptions.of(DAY)
                .withExposures(
                    Map.of("mac:isp-low", new DeviceExposure(Exposure.SEGMENTED, Set.of()))));
    AssessedFinding smb = finding(r, "mac:isp-low", "CVE-2017-0144");
    assertThat(smb.risk().kev()).isTrue();
    assertThat(why(smb))
        .contains(
            "compensating control service-not-observed: the flaw is reached through SMB",
            "in CISA KEV: at least act soon, since a service not observed in use does not close"
                + " the path");
    assertThat(smb.risk().decision()).isEqualTo(Decision.ACT_SOON);
  }

  @Test
  void shouldLowerAKevFlawNoFurtherThanActSoonOnAClinicalSystem() {
    Device silent = seen(isp("mac:isp"), Set.of("dicom"), Set.of(), WEEK);
    Device serving = seen(isp("mac:isp-smb"), Set.of("dicom", "smb"), Set.of(), WEEK);
    ExposureReport r = analyze(List.of(silent, serving));
    for (String cve : List.of("CVE-2017-0143", "CVE-2017-0144", "CVE-2017-0145")) {
      AssessedFinding lowered = finding(r, "mac:isp", cve);
      AssessedFinding kept = finding(r, "mac:isp-smb", cve);
      assertThat(lowered.risk().kev()).isTrue();
      assertThat(lowered.risk().decision()).isIn(Decision.ACT_NOW, Decision.ACT_SOON);
      assertThat(lowered.risk().decision().compareTo(kept.risk().decision()))
          .isGreaterThanOrEqualTo(0);
      assertThat(why(lowered)).contains("Ward has not seen this device serve or use SMB");
      assertThat(why(kept)).contains("smb seen in its traffic");
    }
  }

  @Test
  void shouldExplainATlsFlawIsNotJudgedFromServedProtocols() {
    Device silent = seen(isp("mac:isp"), Set.of("dicom"), Set.of(), WEEK);
    Device cmdbOnly = isp("mac:isp-cmdb");
    ExposureReport r = analyze(List.of(silent, cmdbOnly));
    AssessedFinding poodle = finding(r, "mac:isp", "CVE-2014-3566");
    AssessedFinding same = finding(r, "mac:isp-cmdb", "CVE-2014-3566");
    assertThat(poodle.risk().decision()).isEqualTo(same.risk().decision());
    assertThat(poodle.risk().score()).isEqualTo(same.risk().score());
    assertThat(why(poodle))
        .contains("can be reached with the device as the client")
        .doesNotContain("service-not-observed");
  }

  @Test
  void shouldTellTheTrafficWindowInTheLargestWholeUnit() {
    Device d = capsula("mac:x");
    assertThat(ServiceUse.window(d)).isEmpty();
    assertThat(ServiceUse.window(seen(d, Set.of(), Set.of(), 86_400L)))
        .isEqualTo("1 day of traffic (2025-01-01 to 2025-01-02)");
    assertThat(ServiceUse.window(seen(d, Set.of(), Set.of(), 7_200L)))
        .startsWith("2 hours of traffic");
    assertThat(ServiceUse.window(seen(d, Set.of(), Set.of(), 90L))).startsWith("1 minute of");
    assertThat(ServiceUse.window(seen(d, Set.of(), Set.of(), 5L)))
        .startsWith("less than a minute of");
  }
}
