package io.ward.server.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dashboard shows.
 *
 * @param devices devices stored
 * @param byCategory device count per category id
 * @param byCriticality device count per criticality id
 * @param medicalOnEndOfLife medical devices running software past its end of life
 * @param kevDevices devices with a vulnerability in CISA's KEV catalog
 * @param riskDistribution device count per risk band ({@code 0}, {@code 1-39}, {@code 40-69},
 *     {@code 70-89}, {@code 90-100})
 * @param topToAct the ten devices to act on first (risk, then criticality)
 * @param cleartextClinical clinical and management protocols seen without encryption
 * @param asOf the newest traffic hour stored: utilisation and idleness are measured up to it
 * @param utilisation hours active per day for the busiest devices over the last 7 days of data
 * @param idleDevices devices with no traffic in the 30 days before {@code asOf}
 * @param idleDeviceCount how many such devices there are
 * @param remediation the programme metrics: open findings by urgency, overdue records, mean time to
 *     remediate, share of devices on supported software
 */
public record DashboardMetrics(
    long devices,
    Map<String, Long> byCategory,
    Map<String, Long> byCriticality,
    long medicalOnEndOfLife,
    long kevDevices,
    Map<String, Long> riskDistribution,
    List<DeviceRow> topToAct,
    List<Cleartext> cleartextClinical,
    Optional<Instant> asOf,
    List<Utilisation> utilisation,
    List<DeviceRow> idleDevices,
    long idleDeviceCount,
    Remediation remediation) {

  public DashboardMetrics {
    byCategory = Map.copyOf(byCategory);
    byCriticality = Map.copyOf(byCriticality);
    riskDistribution = Map.copyOf(riskDistribution);
    topToAct = List.copyOf(topToAct);
    cleartextClinical = List.copyOf(cleartextClinical);
    utilisation = List.copyOf(utilisation);
    idleDevices = List.copyOf(idleDevices);
    Objects.requireNonNull(remediation, "remediation");
  }

  /**
   * The remediation programme's metrics, as {@link io.ward.exposure.remediation.RemediationMetrics}
   * computes them from the stored findings and records.
   *
   * @param today the day overdue is judged against (UTC)
   * @param openByDecision open (affected or possibly affected) findings per decision, most urgent
   *     first, every decision listed
   * @param openWithoutDecision open findings whose stored decision is none of Ward's (not in {@code
   *     openByDecision})
   * @param overdue records past their due date and not closed
   * @param meanDaysToRemediate mean days from opening to closing over the records closed as patched
   *     or mitigated; empty when there is none
   * @param remediated how many records that mean covers
   * @param remediatedFrom the earliest closing day among them
   * @param remediatedTo the latest closing day among them
   * @param devices devices stored
   * @param supportedShare share (0 to 1) of the devices with no end-of-life finding
   */
  public record Remediation(
      LocalDate today,
      List<Urgency> openByDecision,
      long openWithoutDecision,
      int overdue,
      Optional<Double> meanDaysToRemediate,
      long remediated,
      Optional<LocalDate> remediatedFrom,
      Optional<LocalDate> remediatedTo,
      long devices,
      double supportedShare) {

    public Remediation {
      openByDecision = List.copyOf(openByDecision);
    }
  }

  /**
   * Open findings of one decision.
   *
   * @param decision Ward's decision id ({@code act-now}, {@code act-soon}, {@code track}, {@code
   *     defer})
   * @param ssvc the label of the figure, {@link
   *     io.ward.exposure.remediation.RemediationMetrics#label}: Ward's decision id, where {@code
   *     track} covers SSVC Track and Track*
   * @param open how many open findings have it
   */
  public record Urgency(String decision, String ssvc, int open) {}

  /**
   * Cleartext use of one protocol.
   *
   * @param flows unencrypted flows
   * @param devicePairs distinct client-server pairs
   */
  public record Cleartext(String protocol, long flows, long devicePairs) {}

  /**
   * How much one device was used.
   *
   * @param hoursPerDay active hours on each day of the window that had any traffic at all
   * @param averageHoursPerDay the mean over the days of the window
   */
  public record Utilisation(
      long deviceId,
      String name,
      Optional<String> model,
      String category,
      Map<LocalDate, Integer> hoursPerDay,
      double averageHoursPerDay) {

    public Utilisation {
      hoursPerDay = Map.copyOf(hoursPerDay);
    }
  }
}
