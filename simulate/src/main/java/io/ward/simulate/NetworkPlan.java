package io.ward.simulate;

import io.ward.model.Category;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The hospital before any packet: which devices exist, their products, addresses and names. Built
 * from the seed alone, in O(devices) time and memory.
 */
final class NetworkPlan {

  /** Devices per 100 of a category (sums to 100). */
  static final Map<Category, Integer> MIX = mix();

  /** Core systems every hospital has, placed first in this order. */
  private static final List<String> CORE =
      List.of(
          "cisco-catalyst-9500",
          "dell-poweredge-r740-dc",
          "hpe-proliant-dl380-fs",
          "vmware-iis-intranet",
          "vmware-solarwinds-nms",
          "epic-ehr",
          "intersystems-healthconnect",
          "bd-alaris-systems-manager",
          "di-instrument-manager",
          "*pacs",
          "hp-z440-win7-viewer",
          "dell-latitude-5420-biomed");

  private final List<PlannedDevice> devices;
  private final Map<Role, int[]> byRole = new EnumMap<>(Role.class);
  private final long windowMicros;

  private NetworkPlan(List<PlannedDevice> devices, long windowMicros) {
    this.devices = List.copyOf(devices);
    this.windowMicros = windowMicros;
    Map<Role, List<Integer>> lists = new EnumMap<>(Role.class);
    for (PlannedDevice d : devices) {
      lists.computeIfAbsent(d.role(), r -> new ArrayList<>()).add(d.index);
    }
    lists.forEach((role, list) -> byRole.put(role, list.stream().mapToInt(i -> i).toArray()));
  }

  private static Map<Category, Integer> mix() {
    Map<Category, Integer> m = new EnumMap<>(Category.class);
    m.put(Category.WORKSTATION, 25);
    m.put(Category.INFUSION_PUMP, 15);
    m.put(Category.PATIENT_MONITOR, 12);
    m.put(Category.SERVER, 5);
    m.put(Category.PRINTER, 5);
    m.put(Category.VOIP_PHONE, 8);
    m.put(Category.NETWORK_DEVICE, 3);
    m.put(Category.IMAGING_MODALITY, 4);
    m.put(Category.PACS, 1);
    m.put(Category.LAB_ANALYZER, 4);
    m.put(Category.VENTILATOR, 3);
    m.put(Category.MEDICATION_DISPENSING, 2);
    m.put(Category.NURSE_CALL, 2);
    m.put(Category.CLINICAL_SYSTEM, 2);
    m.put(Category.BUILDING_IOT, 4);
    m.put(Category.MOBILE, 5);
    return Collections.unmodifiableMap(m);
  }

  static NetworkPlan build(SimulationConfig config, DeviceCatalogue catalogue) {
    SplittableRandom rnd = new SplittableRandom(config.seed() ^ 0x5EED_0F_9A1AL);
    long window = config.minutes() * 60_000_000L;
    List<DeviceModel> core = new ArrayList<>();
    for (String id : CORE) {
      core.add(
          id.equals("*pacs") ? pick(catalogue.pickable(Category.PACS), rnd) : catalogue.byId(id));
    }
    Map<Category, Integer> counts = allocate(config.devices(), core);
    List<DeviceModel> extras = new ArrayList<>();
    for (Map.Entry<Category, Integer> e : counts.entrySet()) {
      List<DeviceModel> choices = catalogue.pickable(e.getKey());
      for (int i = 0; i < e.getValue(); i++) {
        extras.add(pick(choices, rnd));
      }
    }
    for (int i = extras.size() - 1; i > 0; i--) {
      Collections.swap(extras, i, rnd.nextInt(i + 1));
    }
    Builder b = new Builder(rnd, window);
    for (DeviceModel m : core) {
      b.add(m, true);
    }
    for (DeviceModel m : extras) {
      b.add(m, false);
    }
    return new NetworkPlan(b.devices, window);
  }

  /**
   * Non-core devices per category: the mix applied to the whole hospital with the core counted in,
   * each remaining slot going to the category furthest below its share.
   */
  static Map<Category, Integer> allocate(int total, List<DeviceModel> core) {
    Map<Category, Integer> have = new EnumMap<>(Category.class);
    for (DeviceModel m : core) {
      have.merge(m.category(), 1, Integer::sum);
    }
    Map<Category, Integer> extra = new EnumMap<>(Category.class);
    for (int slot = core.size(); slot < total; slot++) {
      Category best = null;
      double bestGap = Double.NEGATIVE_INFINITY;
      for (Map.Entry<Category, Integer> e : MIX.entrySet()) {
        double gap = total * e.getValue() / 100.0 - have.getOrDefault(e.getKey(), 0);
        if (gap > bestGap) {
          bestGap = gap;
          best = e.getKey();
        }
      }
      have.merge(best, 1, Integer::sum);
      extra.merge(best, 1, Integer::sum);
    }
    return extra;
  }

  private static DeviceModel pick(List<DeviceModel> choices, SplittableRandom rnd) {
    int total = choices.stream().mapToInt(DeviceModel::weight).sum();
    int r = rnd.nextInt(total);
    for (DeviceModel m : choices) {
      r -= m.weight();
      if (r < 0) {
        return m;
      }
    }
    throw new IllegalStateException("weights changed under iteration");
  }

  List<PlannedDevice> devices() {
    return devices;
  }

  PlannedDevice device(int index) {
    return devices.get(index);
  }

  long windowMicros() {
    return windowMicros;
  }

  PlannedDevice router() {
    return devices.get(0);
  }

  /** The router's interface on {@code zone}: the zone's default gateway. */
  Host gateway(Zone zone) {
    PlannedDevice r = router();
    return new Host(r.mac, zone.gatewayIp(), zone.tag(), zone.ordinal(), r.index, r.model.ttl());
  }

  int[] withRole(Role role) {
    return byRole.getOrDefault(role, new int[0]);
  }

  boolean has(Role role) {
    return withRole(role).length > 0;
  }

  /** A device of {@code role} serving {@code owner}: stable per owner, spread over the role. */
  PlannedDevice serving(Role role, PlannedDevice owner) {
    int[] all = withRole(role);
    if (all.length == 0) {
      throw new IllegalStateException("no device with role " + role);
    }
    int h = (owner.index * 0x9E3779B1) >>> 1;
    return devices.get(all[h % all.length]);
  }

  private static final class Builder {
    private final SplittableRandom rnd;
    private final long window;
    private final List<PlannedDevice> devices = new ArrayList<>();
    private final Set<Long> macs = new HashSet<>();
    private final Map<Zone, Integer> nextHost = new EnumMap<>(Zone.class);
    private final Map<String, Integer> perModel = new java.util.HashMap<>();

    Builder(SplittableRandom rnd, long window) {
      this.rnd = rnd;
      this.window = window;
    }

    void add(DeviceModel m, boolean core) {
      int index = devices.size();
      Zone zone = m.role().zone();
      long mac = mac(m);
      int ip;
      if (m.role() == Role.ROUTER) {
        ip = zone.gatewayIp();
      } else {
        int n = nextHost.merge(zone, 1, Integer::sum) - 1;
        ip = zone.hostIp(n);
      }
      int number = perModel.merge(m.hostname(), 1, Integer::sum);
      String hostname = hostname(m.hostname(), number, mac);
      String firmware = m.firmware().get(rnd.nextInt(m.firmware().size()));
      String serial = m.serialPrefix() + String.format("%07d", rnd.nextInt(10_000_000));
      long spread = Math.min(120_000_000L, window / 4);
      long boot = core ? index * 50_000L : 1_000_000L + rnd.nextLong(spread);
      boolean fresh = rnd.nextInt(4) == 0;
      PlannedDevice d =
          new PlannedDevice(index, m, zone, mac, ip, hostname, firmware, serial, core, boot, fresh);
      m.dicom().ifPresent(dicom -> d.aeTitle(aeTitle(m, dicom, number)));
      devices.add(d);
    }

    private long mac(DeviceModel m) {
      while (true) {
        DeviceModel.Oui oui = m.ouis().get(rnd.nextInt(m.ouis().size()));
        long mac = ((long) oui.prefix() << 24) | rnd.nextInt(1 << 24);
        if (macs.add(mac)) {
          return mac;
        }
      }
    }

    private String hostname(String pattern, int number, long mac) {
      String mac12 = String.format("%012X", mac);
      String h =
          pattern
              .replace("{n4}", String.format("%04d", number))
              .replace("{n2}", String.format("%02d", number))
              .replace("{mac6}", mac12.substring(6))
              .replace("{mac12l}", mac12.toLowerCase(java.util.Locale.ROOT))
              .replace("{mac12}", mac12);
      if (h.contains("{rand7}")) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < 7; i++) {
          r.append("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789".charAt(rnd.nextInt(34)));
        }
        h = h.replace("{rand7}", r);
      }
      return h;
    }

    private static String aeTitle(DeviceModel m, DeviceModel.Dicom dicom, int number) {
      String ae;
      if (m.role() == Role.PACS) {
        ae = number == 1 ? dicom.aeTitle() : dicom.aeTitle() + number;
      } else {
        ae = dicom.aeTitle() + String.format("%02d", number);
      }
      return ae.length() <= 16 ? ae : ae.substring(0, 16);
    }
  }
}
