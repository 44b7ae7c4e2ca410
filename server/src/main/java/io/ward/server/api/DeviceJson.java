package io.ward.server.api;

import io.ward.server.inventory.DeviceDetail;
import io.ward.server.inventory.DeviceRow;
import io.ward.server.inventory.PeerRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API's view of devices: never the storage rows themselves. */
public final class DeviceJson {
  private DeviceJson() {}

  /** A device as listed. */
  public record Summary(
      long id,
      String key,
      String name,
      Optional<String> mac,
      List<String> ips,
      Optional<String> vendor,
      Optional<String> model,
      String category,
      boolean medical,
      String criticality,
      int riskScore,
      Optional<String> riskDecision,
      boolean kev,
      boolean endOfLife,
      int openFindings,
      Optional<String> site,
      Instant lastSeen) {

    /** The summary of a stored device. */
    public static Summary of(DeviceRow d) {
      return new Summary(
          d.id(),
          d.key(),
          d.name(),
          d.mac(),
          d.ips(),
          d.vendor(),
          d.model(),
          d.category().id(),
          d.medical(),
          d.criticality().id(),
          d.riskScore(),
          d.riskDecision(),
          d.kev(),
          d.endOfLife(),
          d.openFindings(),
          d.site(),
          d.lastSeen());
    }
  }

  /** Everything about one device: identity, network, evidence and history. */
  public record Detail(
      Summary device,
      List<String> hostnames,
      List<Integer> vlans,
      Optional<String> os,
      Optional<String> firmware,
      Optional<String> serial,
      Optional<String> modality,
      List<Software> software,
      List<String> protocolsAsClient,
      List<String> protocolsAsServer,
      Instant firstSeen,
      int captures,
      List<Evidence> evidence,
      List<Change> history) {

    /** The view of a stored device's detail. */
    public static Detail of(DeviceDetail d) {
      DeviceRow r = d.device();
      return new Detail(
          Summary.of(r),
          r.hostnames(),
          r.vlans(),
          r.os(),
          r.firmware(),
          r.serial(),
          r.modality(),
          r.software().stream().map(Software::of).toList(),
          r.protocolsAsClient(),
          r.protocolsAsServer(),
          r.firstSeen(),
          d.captures(),
          d.evidence().stream().map(Evidence::of).toList(),
          d.changes().stream().map(Change::of).toList());
    }
  }

  /**
   * Software seen running on the device, apart from its hardware vendor and model, with the
   * evidence that named its version.
   *
   * @param source the observation field or knowledge source, e.g. {@code
   *     dicom.implementationVersionName}
   * @param observed the raw value seen
   * @param fingerprint the knowledge-base entry that recognised it
   * @param confidence 0 to 1
   */
  public record Software(
      Optional<String> vendor,
      String product,
      Optional<String> version,
      String source,
      String observed,
      Optional<String> fingerprint,
      double confidence) {

    static Software of(io.ward.model.Software s) {
      return new Software(
          s.vendor(),
          s.product(),
          s.version(),
          s.source(),
          s.observed(),
          s.fingerprint(),
          s.confidence());
    }
  }

  /**
   * Why Ward believes one attribute value.
   *
   * @param source the observation field or knowledge source
   * @param observed the raw value seen (redacted where it could hold patient data)
   * @param fingerprint the fingerprint entry that interpreted it
   * @param confidence 0 to 1
   */
  public record Evidence(
      String attribute,
      String value,
      String source,
      String observed,
      Optional<String> fingerprint,
      double confidence,
      Instant observedAt) {

    static Evidence of(DeviceDetail.EvidenceRow e) {
      return new Evidence(
          e.attribute(),
          e.value(),
          e.source(),
          e.observed(),
          e.fingerprint(),
          e.confidence(),
          e.firstSeen());
    }
  }

  /** One change of an attribute, from the capture data that changed it. */
  public record Change(
      String attribute, String oldValue, String newValue, Instant at, Optional<Long> jobId) {

    static Change of(DeviceDetail.ChangeRow c) {
      return new Change(c.attribute(), c.oldValue(), c.newValue(), c.at(), c.jobId());
    }
  }

  /** Traffic with one peer over one protocol, summed over all stored hours. */
  public record Peer(
      long peerId,
      String peerKey,
      String peerName,
      String protocol,
      boolean asClient,
      int serverPort,
      long flows,
      long packets,
      long bytes,
      long cleartextFlows,
      Instant firstHour,
      Instant lastHour) {

    /** The view of a stored peer row. */
    public static Peer of(PeerRow p) {
      return new Peer(
          p.peerId(),
          p.peerKey(),
          p.peerName(),
          p.protocol(),
          p.asClient(),
          p.serverPort(),
          p.flows(),
          p.packets(),
          p.bytes(),
          p.cleartextFlows(),
          p.firstHour(),
          p.lastHour());
    }
  }
}
