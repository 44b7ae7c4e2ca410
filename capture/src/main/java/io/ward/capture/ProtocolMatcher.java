package io.ward.capture;

import io.ward.capture.dissect.Dissector;
import io.ward.model.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the dissector for a flow's first payload: dissectors registered on either port are probed
 * first (in registry order), then heuristic dissectors on any port, like Wireshark's port table
 * followed by its heuristic list. Also knows which ports are server ports, to tell client from
 * server when no SYN was seen.
 */
final class ProtocolMatcher {
  private static final Dissector[] NONE = new Dissector[0];

  /**
   * Server ports beyond the registered dissectors' and the system range: common services in
   * hospital networks (databases, remote access, HL7 2575, DICOM 11112/2762, MQTT 1883/8883…).
   */
  private static final int[] COMMON_SERVER_PORTS = {
    1433, 1521, 1883, 1900, 2575, 2762, 3306, 3389, 3702, 5060, 5061, 5353, 5355, 5432, 5671, 5672,
    5900, 6379, 6661, 8000, 8080, 8443, 8883, 9200, 11112, 27017
  };

  private final Dissector[][] tcpByPort = new Dissector[65536][];
  private final Dissector[][] udpByPort = new Dissector[65536][];
  private final Dissector[] tcpHeuristic;
  private final Dissector[] udpHeuristic;
  private final boolean[] tcpServerPort = new boolean[65536];
  private final boolean[] udpServerPort = new boolean[65536];

  ProtocolMatcher(List<Dissector> dissectors) {
    List<Dissector> tcpH = new ArrayList<>();
    List<Dissector> udpH = new ArrayList<>();
    for (Dissector d : dissectors) {
      boolean tcp = d.transport() == Transport.TCP;
      if (!tcp && d.transport() != Transport.UDP) {
        continue;
      }
      Dissector[][] byPort = tcp ? tcpByPort : udpByPort;
      boolean[] server = tcp ? tcpServerPort : udpServerPort;
      for (int port : d.wellKnownPorts()) {
        if (port < 0 || port > 65535) {
          continue;
        }
        byPort[port] = append(byPort[port], d);
        server[port] = true;
      }
      if (d.heuristic()) {
        (tcp ? tcpH : udpH).add(d);
      }
    }
    tcpHeuristic = tcpH.toArray(NONE);
    udpHeuristic = udpH.toArray(NONE);
    for (int port : COMMON_SERVER_PORTS) {
      tcpServerPort[port] = true;
      udpServerPort[port] = true;
    }
    for (int port = 0; port < 1024; port++) {
      tcpServerPort[port] = true;
      udpServerPort[port] = true;
    }
  }

  private static Dissector[] append(Dissector[] list, Dissector d) {
    if (list == null) {
      return new Dissector[] {d};
    }
    for (Dissector x : list) {
      if (x == d) {
        return list;
      }
    }
    Dissector[] bigger = java.util.Arrays.copyOf(list, list.length + 1);
    bigger[list.length] = d;
    return bigger;
  }

  /** True when some dissector could take a flow of this transport at all. */
  boolean any(boolean tcp) {
    if (tcp ? tcpHeuristic.length > 0 : udpHeuristic.length > 0) {
      return true;
    }
    Dissector[][] byPort = tcp ? tcpByPort : udpByPort;
    for (Dissector[] list : byPort) {
      if (list != null) {
        return true;
      }
    }
    return false;
  }

  /** True when a service usually listens on this port (system port, registered or common). */
  boolean isServerPort(boolean tcp, int port) {
    return (tcp ? tcpServerPort : udpServerPort)[port];
  }

  /** True when some dissector is registered on either port, or some heuristic one exists. */
  boolean candidates(boolean tcp, int serverPort, int clientPort) {
    Dissector[][] byPort = tcp ? tcpByPort : udpByPort;
    return byPort[serverPort] != null
        || byPort[clientPort] != null
        || (tcp ? tcpHeuristic : udpHeuristic).length > 0;
  }

  /**
   * The first dissector whose probe accepts the payload, or null. A probe that throws counts as a
   * refusal and an anomaly.
   */
  Dissector probe(
      boolean tcp,
      int serverPort,
      int clientPort,
      byte[] buf,
      int offset,
      int length,
      boolean fromClient,
      Counters counters) {
    Dissector[][] byPort = tcp ? tcpByPort : udpByPort;
    Dissector[] onServer = byPort[serverPort];
    Dissector[] onClient = clientPort == serverPort ? null : byPort[clientPort];
    Dissector found = first(onServer, null, null, buf, offset, length, fromClient, counters);
    if (found == null) {
      found = first(onClient, onServer, null, buf, offset, length, fromClient, counters);
    }
    if (found == null) {
      found =
          first(
              tcp ? tcpHeuristic : udpHeuristic,
              onServer,
              onClient,
              buf,
              offset,
              length,
              fromClient,
              counters);
    }
    return found;
  }

  private static Dissector first(
      Dissector[] list,
      Dissector[] triedA,
      Dissector[] triedB,
      byte[] buf,
      int offset,
      int length,
      boolean fromClient,
      Counters counters) {
    if (list == null) {
      return null;
    }
    for (Dissector d : list) {
      if (contains(triedA, d) || contains(triedB, d)) {
        continue;
      }
      try {
        if (d.probe(buf, offset, length, fromClient)) {
          return d;
        }
      } catch (RuntimeException e) {
        counters.add("dissector." + d.protocol() + ".probe_failed");
      }
    }
    return null;
  }

  private static boolean contains(Dissector[] list, Dissector d) {
    if (list == null) {
      return false;
    }
    for (Dissector x : list) {
      if (x == d) {
        return true;
      }
    }
    return false;
  }
}
