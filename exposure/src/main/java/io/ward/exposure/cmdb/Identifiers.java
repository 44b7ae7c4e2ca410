package io.ward.exposure.cmdb;

import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The observed devices by MAC, IP, serial and host name, as CMDB rows look them up. */
final class Identifiers {

  private final Map<MacAddress, List<Integer>> byMac = new HashMap<>();
  private final Map<IpAddress, List<Integer>> byIp = new HashMap<>();
  private final Map<String, List<Integer>> bySerial = new HashMap<>();
  private final Map<String, List<Integer>> byHost = new HashMap<>();

  Identifiers(List<Device> devices) {
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      int index = i;
      d.mac().ifPresent(m -> byMac.computeIfAbsent(m, k -> new ArrayList<>()).add(index));
      d.ips().forEach(ip -> byIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(index));
      d.serial()
          .map(Identifiers::serial)
          .filter(s -> !s.isEmpty())
          .ifPresent(s -> bySerial.computeIfAbsent(s, k -> new ArrayList<>()).add(index));
      d.hostnames().stream()
          .map(Identifiers::host)
          .filter(h -> !h.isEmpty())
          .distinct()
          .forEach(h -> byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(index));
    }
  }

  /** The devices an asset's identifier of this kind names (empty when the asset has none). */
  List<Integer> lookup(CmdbAsset a, CmdbMatchKey key) {
    Optional<List<Integer>> found;
    switch (key) {
      case MAC:
        found = a.mac().map(byMac::get);
        break;
      case IP:
        found = a.ip().map(byIp::get);
        break;
      case SERIAL:
        found = a.serial().map(Identifiers::serial).map(bySerial::get);
        break;
      default:
        found = a.hostname().map(Identifiers::host).map(byHost::get);
    }
    return found.orElse(List.of());
  }

  /** A serial number compared without case, spaces or dashes ("SN 12-345" is "SN12345"). */
  static String serial(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  /**
   * A host name compared by its first label without case: CMDBs write {@code ICU-PUMP-12} where
   * DHCP and DNS show {@code icu-pump-12.hospital.local}.
   */
  static String host(String h) {
    String s = h.strip().toLowerCase(Locale.ROOT);
    int dot = s.indexOf('.');
    return dot < 0 ? s : s.substring(0, dot);
  }
}
