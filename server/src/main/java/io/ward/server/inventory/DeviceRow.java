package io.ward.server.inventory;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Software;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One device as the inventory lists it.
 *
 * @param id the storage id (stable, used in URLs)
 * @param key the engine's device id, e.g. {@code mac:00:1b:…} or {@code ip:10.1.2.3}
 * @param name a display name: hostname, else vendor and model, else the key
 * @param riskScore the highest finding score, 0 to 100
 * @param riskDecision the most urgent decision among its findings ({@code act-now} …), when it has
 *     any
 * @param kev true when a finding's CVE is in CISA's KEV catalog
 * @param endOfLife true when it runs software past its end of life
 * @param openFindings affected or possibly affected findings
 * @param site the site name, when assigned
 * @param software the software seen running on it, most confident first
 */
public record DeviceRow(
    long id,
    String key,
    String name,
    Optional<String> mac,
    List<String> ips,
    List<String> hostnames,
    List<Integer> vlans,
    Optional<String> vendor,
    Optional<String> model,
    Optional<String> os,
    Optional<String> firmware,
    Optional<String> serial,
    Category category,
    Optional<String> modality,
    boolean medical,
    Criticality criticality,
    int riskScore,
    Optional<String> riskDecision,
    boolean kev,
    boolean endOfLife,
    int openFindings,
    Optional<String> site,
    List<String> protocolsAsClient,
    List<String> protocolsAsServer,
    List<Software> software,
    Instant firstSeen,
    Instant lastSeen) {

  public DeviceRow {
    ips = List.copyOf(ips);
    hostnames = List.copyOf(hostnames);
    vlans = List.copyOf(vlans);
    protocolsAsClient = List.copyOf(protocolsAsClient);
    protocolsAsServer = List.copyOf(protocolsAsServer);
    software = List.copyOf(software);
  }
}
