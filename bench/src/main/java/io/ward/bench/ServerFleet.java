package io.ward.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The hospital fleet of the server benchmark: {@code n} devices copied from Ward's own templates,
 * each with its own MAC (the template's OUI), address in its site's subnet, host name, serial and
 * first and last sightings over a year; spread over four sites and their VLANs. Deterministic for a
 * seed.
 */
final class ServerFleet {

  /** "Now" for the loaded data: a fixed instant, so every run loads the same rows. */
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  static final List<String> SITES =
      List.of("Main campus", "North hospital", "Children's hospital", "Outpatient clinics");

  /** Devices per subnet (a /22 holds up to 1,000 in this plan). */
  private static final int PER_NETWORK = 1000;

  private static final Duration YEAR = Duration.ofDays(365);

  /**
   * One device of the fleet.
   *
   * @param id the storage id (1-based)
   * @param template its template
   * @param mac its MAC address
   * @param ip its IPv4 address
   * @param hostnames its host names
   * @param serial its serial number, {@code ""} when unknown
   * @param firmware its firmware, {@code ""} when unknown
   * @param aeTitles its DICOM AE titles
   * @param siteId its site (1-based), 0 when no CMDB placed it
   * @param network its subnet
   * @param firstSeen first sighting
   * @param lastSeen last sighting
   */
  record Member(
      long id,
      ServerTemplate template,
      String mac,
      String ip,
      List<String> hostnames,
      String serial,
      String firmware,
      List<String> aeTitles,
      int siteId,
      Network network,
      Instant firstSeen,
      Instant lastSeen) {

    /** The device key Ward gives a device with a MAC address. */
    String key() {
      return "mac:" + mac;
    }

    /** Vendor, model and firmware: devices in one group share their vulnerabilities. */
    String group() {
      return template.vendor() + "|" + template.model() + "|" + firmware;
    }
  }

  /**
   * One subnet.
   *
   * @param vlan its VLAN id
   * @param siteId its site (1-based)
   * @param name e.g. {@code Main campus VLAN 20 (building 2)}
   * @param cidr e.g. {@code 10.0.4.0/22}
   * @param index its place in the address plan
   */
  record Network(int vlan, int siteId, String name, String cidr, int index) {}

  private final List<Member> members;
  private final List<Network> networks;

  private ServerFleet(List<Member> members, List<Network> networks) {
    this.members = List.copyOf(members);
    this.networks = List.copyOf(networks);
  }

  /** A fleet of {@code n} devices copied from {@code templates}. */
  static ServerFleet of(List<ServerTemplate> templates, int n, long seed) {
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("no templates");
    }
    List<Integer> templateVlans =
        List.copyOf(new TreeSet<>(templates.stream().map(ServerTemplate::vlan).toList()));
    Map<String, Network> networkByPlace = new LinkedHashMap<>();
    Map<Network, Integer> filled = new HashMap<>();
    Map<String, Integer> placeFill = new HashMap<>();
    List<Member> members = new ArrayList<>(n);
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, List<String>> firmwareByModel = firmwareByModel(templates);
    for (int i = 0; i < n; i++) {
      ServerTemplate t = templates.get(random.nextInt(templates.size()));
      int site = random.nextInt(SITES.size());
      int vlanSlot = templateVlans.indexOf(t.vlan());
      String place = site + "/" + vlanSlot;
      int building = placeFill.merge(place, 1, Integer::sum) / PER_NETWORK;
      Network net =
          networkByPlace.computeIfAbsent(
              place + "/" + building,
              k -> network(networkByPlace.size(), site, vlanSlot, t.vlan(), building));
      int host = filled.merge(net, 1, Integer::sum) - 1;
      long id = i + 1L;
      Instant first = NOW.minus(Duration.ofSeconds(60 + random.nextLong(YEAR.toSeconds())));
      Instant last = lastSeen(random, first);
      List<String> firmwares = firmwareByModel.get(t.vendor() + "|" + t.model());
      String firmware =
          firmwares.size() > 1 && random.nextInt(5) == 0
              ? firmwares.get(random.nextInt(firmwares.size()))
              : t.firmware();
      members.add(
          new Member(
              id,
              t,
              mac(t.mac(), id),
              ip(net, host),
              t.hostnames().stream().map(h -> ServerNames.renumber(h, id)).toList(),
              t.serial().isEmpty() ? "" : ServerNames.renumber(t.serial(), 100_000 + id),
              firmware,
              t.aeTitles().stream().map(a -> ServerNames.renumber(a, id)).toList(),
              random.nextInt(10) < 7 ? site + 1 : 0,
              net,
              first,
              last));
    }
    return new ServerFleet(members, new ArrayList<>(networkByPlace.values()));
  }

  /** 85% seen in the last two weeks; the others dropped off some time after they appeared. */
  private static Instant lastSeen(SplittableRandom random, Instant first) {
    Instant recent = NOW.minus(Duration.ofSeconds(random.nextLong(14 * 86_400L)));
    if (random.nextInt(100) < 85 && recent.isAfter(first)) {
      return recent;
    }
    long span = Duration.between(first, NOW).toSeconds();
    return first.plusSeconds(random.nextLong(Math.max(1, span)));
  }

  private static Map<String, List<String>> firmwareByModel(List<ServerTemplate> templates) {
    Map<String, TreeSet<String>> sets = new HashMap<>();
    for (ServerTemplate t : templates) {
      TreeSet<String> s = sets.computeIfAbsent(t.vendor() + "|" + t.model(), k -> new TreeSet<>());
      if (!t.firmware().isEmpty()) {
        s.add(t.firmware());
      }
    }
    Map<String, List<String>> out = new HashMap<>();
    sets.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** VLANs 1000·site + 100 + 40·slot + building: every site keeps its own range below 4095. */
  private static Network network(int index, int site, int slot, int templateVlan, int building) {
    int vlan = 1000 * site + 100 + 40 * slot + building;
    if (slot >= 22 || building >= 40) {
      throw new IllegalStateException("the VLAN plan holds 22 VLANs of 40 subnets per site");
    }
    String cidr = "10." + (index / 64) + "." + ((index % 64) * 4) + ".0/22";
    String name =
        SITES.get(site)
            + " VLAN "
            + templateVlan
            + (building > 0 ? " (building " + building + ")" : "");
    return new Network(vlan, site + 1, name, cidr, index);
  }

  /** Host {@code host} (0 to 999) of the network's /22. */
  private static String ip(Network net, int host) {
    int third = (net.index() % 64) * 4 + host / 250;
    return "10." + (net.index() / 64) + "." + third + "." + (host % 250 + 1);
  }

  /** The template's OUI with the device number as the NIC-specific half. */
  private static String mac(String templateMac, long id) {
    String nic = String.format("%06x", id & 0xFFFFFF);
    return templateMac.substring(0, 9)
        + nic.substring(0, 2)
        + ":"
        + nic.substring(2, 4)
        + ":"
        + nic.substring(4, 6);
  }

  List<Member> members() {
    return members;
  }

  List<Network> networks() {
    return networks;
  }
}
