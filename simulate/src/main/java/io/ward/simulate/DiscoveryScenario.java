package io.ward.simulate;

import java.util.SplittableRandom;

/** Link-local service discovery: mDNS announcements, SSDP NOTIFY, and Windows SSDP M-SEARCH. */
final class DiscoveryScenario implements Scenario {
  enum Kind {
    MDNS_ANNOUNCE,
    SSDP_NOTIFY,
    SSDP_SEARCH
  }

  static final DiscoveryScenario MDNS = new DiscoveryScenario(Kind.MDNS_ANNOUNCE);
  static final DiscoveryScenario NOTIFY = new DiscoveryScenario(Kind.SSDP_NOTIFY);
  static final DiscoveryScenario SEARCH = new DiscoveryScenario(Kind.SSDP_SEARCH);

  private final Kind kind;

  private DiscoveryScenario(Kind kind) {
    this.kind = kind;
  }

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    switch (kind) {
      case MDNS_ANNOUNCE:
        return owner.model.client().contains(Protocol.MDNS)
            && owner.model.mdnsService().isPresent();
      case SSDP_NOTIFY:
        return owner.model.client().contains(Protocol.SSDP) && owner.model.ssdpServer().isPresent();
      default:
        return owner.model.client().contains(Protocol.SSDP) && owner.model.ssdpServer().isEmpty();
    }
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(kind == Kind.MDNS_ANNOUNCE ? Protocol.MDNS : Protocol.SSDP);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    byte[] payload;
    int group;
    int port;
    if (kind == Kind.MDNS_ANNOUNCE) {
      String service = owner.model.mdnsService().orElseThrow();
      payload =
          DiscoveryMessages.mdnsAnnouncement(
              owner, service, service.startsWith("_ipp") ? 631 : 9100);
      group = Site.MDNS_GROUP;
      port = Site.MDNS;
    } else if (kind == Kind.SSDP_NOTIFY) {
      payload =
          DiscoveryMessages.ssdpNotify(owner, owner.fill(owner.model.ssdpServer().orElseThrow()));
      group = Site.SSDP_GROUP;
      port = Site.SSDP;
    } else {
      payload = DiscoveryMessages.ssdpSearch("urn:dial-multiscreen-org:service:dial:1");
      group = Site.SSDP_GROUP;
      port = Site.SSDP;
    }
    int srcPort = kind == Kind.SSDP_SEARCH ? sim.ephemeralPort(owner.index, rnd) : port;
    int ttl = kind == Kind.MDNS_ANNOUNCE ? 255 : 4; // RFC 6762 section 11; UDA 1.1 section 1.1.2
    conv.add(
        sim.frames.udp(
            owner.mac,
            Frames.multicastMac(group),
            owner.zone.tag(),
            owner.ip,
            group,
            ttl,
            srcPort,
            port,
            rnd.nextInt(1 << 16),
            payload),
        owner.index,
        -1);
  }
}
