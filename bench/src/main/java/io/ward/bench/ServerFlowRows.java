package io.ward.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Loads the traffic of the last four weeks as Ward stores it: flows summed per client, server,
 * protocol and hour ({@code flow_hour}), and the hours each device was active ({@code
 * device_hour}). Every client talks the protocols its template speaks to devices that serve them; a
 * few servers of each protocol are hubs (the PACS, the HL7 engine), as in a hospital.
 */
final class ServerFlowRows {

  /** The traffic window: four weeks of hours before {@link ServerFleet#NOW}. */
  static final int HOURS = 28 * 24;

  private static final Instant WINDOW_START =
      ServerFleet.NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS));

  /** Protocols whose cleartext use Ward counts (as the server's FlowHours does). */
  private static final Set<String> CLEARTEXT =
      Set.of("hl7", "dicom", "poct1a", "astm", "telnet", "ftp", "snmp", "http", "mqtt", "smb");

  private static final Map<String, Integer> PORTS =
      Map.ofEntries(
          Map.entry("hl7", 2575),
          Map.entry("dicom", 104),
          Map.entry("dns", 53),
          Map.entry("http", 80),
          Map.entry("tls", 443),
          Map.entry("smb", 445),
          Map.entry("snmp", 161),
          Map.entry("astm", 15200),
          Map.entry("poct1a", 5000),
          Map.entry("telnet", 23),
          Map.entry("ftp", 21),
          Map.entry("mdns", 5353),
          Map.entry("ssdp", 1900),
          Map.entry("dhcp", 67),
          Map.entry("mqtt", 1883));

  private static final int TRIES = 20;

  private static final Set<String> SERVER_CATEGORIES = Set.of("server", "pacs", "clinical-system");

  private final ServerFleet fleet;
  private final long seed;

  ServerFlowRows(ServerFleet fleet, long seed) {
    this.fleet = fleet;
    this.seed = seed;
  }

  /** Writes about {@code rows} flow hours and the device hours they imply. */
  void write(Connection c, long rows, Map<String, Long> counts) throws SQLException, IOException {
    List<ServerFleet.Member> members = fleet.members();
    Map<String, List<ServerFleet.Member>> servers = new HashMap<>();
    for (ServerFleet.Member m : members) {
      for (String p : m.template().protocolsServer()) {
        servers.computeIfAbsent(p, k -> new ArrayList<>()).add(m);
      }
    }
    // Hubs are servers proper (the PACS, the HL7 engine, file and name servers); devices that
    // merely offer a web page or SNMP come after them.
    servers
        .values()
        .forEach(
            list ->
                list.sort(
                    java.util.Comparator.comparingInt((ServerFleet.Member m) -> serverRank(m))
                        .thenComparingLong(ServerFleet.Member::id)));
    List<ServerFleet.Member> clients = new ArrayList<>();
    for (ServerFleet.Member m : members) {
      if (active(m) > 0 && m.template().protocolsClient().stream().anyMatch(servers::containsKey)) {
        clients.add(m);
      }
    }
    BitSet[] hours = new BitSet[members.size() + 1];
    SplittableRandom shares = new SplittableRandom(seed ^ 0xF10E);
    double[] weight = new double[clients.size()];
    double total = 0;
    for (int i = 0; i < weight.length; i++) {
      weight[i] = Math.exp(0.8 * shares.nextGaussian());
      total += weight[i];
    }
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "flow_hour",
            "client_device_id, server_device_id, protocol, hour_start, server_port, flows,"
                + " packets, bytes, cleartext_flows")) {
      double cumulative = 0;
      long written = 0;
      for (int i = 0; i < clients.size(); i++) {
        cumulative += weight[i];
        long upTo = Math.round(rows * cumulative / total);
        flowsOf(clients.get(i), (int) (upTo - written), servers, hours, copy);
        written = upTo;
      }
      counts.put("flow_hour", copy.rows());
    }
    try (ServerCopy copy = new ServerCopy(c, "device_hour", "device_id, hour_start")) {
      for (int id = 1; id < hours.length; id++) {
        if (hours[id] != null) {
          for (int h = hours[id].nextSetBit(0); h >= 0; h = hours[id].nextSetBit(h + 1)) {
            copy.row().number(id).time(WINDOW_START.plus(Duration.ofHours(h))).end();
          }
        }
      }
      counts.put("device_hour", copy.rows());
    }
  }

  private void flowsOf(
      ServerFleet.Member client,
      int n,
      Map<String, List<ServerFleet.Member>> servers,
      BitSet[] hours,
      ServerCopy copy) {
    SplittableRandom random = new SplittableRandom(seed * 131 + client.id());
    List<String> protocols =
        client.template().protocolsClient().stream().filter(servers::containsKey).toList();
    int from = firstHour(client);
    int span = active(client);
    Set<Long> used = new HashSet<>();
    for (int row = 0; row < n; row++) {
      for (int attempt = 0; attempt < TRIES; attempt++) {
        int p = random.nextInt(protocols.size());
        List<ServerFleet.Member> candidates = servers.get(protocols.get(p));
        ServerFleet.Member server = candidates.get(hub(random, candidates.size()));
        int hour = from + random.nextInt(span);
        if (server.id() == client.id() || !used.add((server.id() * 64 + p) * HOURS + hour)) {
          continue;
        }
        String protocol = protocols.get(p);
        long flows = 1 + (long) (-12 * Math.log(1 - random.nextDouble()));
        long packets = flows * (4 + random.nextInt(37));
        copy.row()
            .number(client.id())
            .number(server.id())
            .text(protocol)
            .time(WINDOW_START.plus(Duration.ofHours(hour)))
            .number(PORTS.getOrDefault(protocol, 0))
            .number(flows)
            .number(packets)
            .number(packets * (90 + random.nextInt(1100)))
            .number(CLEARTEXT.contains(protocol) ? flows : 0)
            .end();
        mark(hours, client.id(), hour);
        mark(hours, server.id(), hour);
        break;
      }
    }
  }

  /**
   * A server index, Zipf-like over the list: the first few servers of each protocol carry most of
   * the traffic.
   */
  private static int hub(SplittableRandom random, int size) {
    double u = random.nextDouble();
    int i = (int) Math.floor(Math.pow(size + 1.0, u)) - 1;
    return Math.max(0, Math.min(size - 1, i));
  }

  private static int serverRank(ServerFleet.Member m) {
    return SERVER_CATEGORIES.contains(m.template().category()) ? 0 : 1;
  }

  private static void mark(BitSet[] hours, long id, int hour) {
    int i = (int) id;
    if (hours[i] == null) {
      hours[i] = new BitSet(HOURS);
    }
    hours[i].set(hour);
  }

  /** The first hour of the window the device was on the network. */
  private static int firstHour(ServerFleet.Member m) {
    long h = Duration.between(WINDOW_START, m.firstSeen()).toHours();
    return (int) Math.max(0, Math.min(HOURS, h));
  }

  /** Hours of the window the device was on the network. */
  private static int active(ServerFleet.Member m) {
    long last = Duration.between(WINDOW_START, m.lastSeen()).toHours();
    return (int) Math.max(0, Math.min(HOURS, last + 1) - firstHour(m));
  }
}
