package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * How a device first shows itself. Most were already up when the capture started: they refresh
 * their ARP entry for the gateway and, if on DHCP, renew their lease by unicast (RFC 2131 section
 * 4.4.5). A quarter of the DHCP devices are switched on during the capture and go through the full
 * DISCOVER/OFFER/REQUEST/ACK, relayed by the router for zones other than the servers' (RFC 3046).
 */
final class BootScenario {
  private BootScenario() {}

  private static final int BROADCAST_IP = 0xFFFF_FFFF;

  static void build(Simulation sim, PlannedDevice d, SplittableRandom rnd, Conversation conv) {
    NetworkPlan plan = sim.plan;
    if (d.role() == Role.ROUTER) {
      PlannedDevice dc =
          plan.withRole(Role.DOMAIN_CONTROLLER).length > 0
              ? plan.device(plan.withRole(Role.DOMAIN_CONTROLLER)[0])
              : d;
      ArpExchange.resolve(conv, plan.gateway(Zone.SERVERS), dc.host(), rnd);
      return;
    }
    Host gateway = plan.gateway(d.zone);
    if (d.model.dhcp().isEmpty()) {
      ArpExchange.resolve(conv, d.host(), gateway, rnd);
      return;
    }
    PlannedDevice dc = plan.serving(Role.DOMAIN_CONTROLLER, d);
    if (d.freshBoot) {
      dora(sim, d, dc, rnd, conv);
      conv.advance(1_000 + rnd.nextInt(300_000));
      ArpExchange.announce(conv, d.host());
      conv.advance(5_000 + rnd.nextInt(200_000));
      ArpExchange.resolve(conv, d.host(), gateway, rnd);
    } else {
      if (d.zone != dc.zone) {
        ArpExchange.resolve(conv, d.host(), gateway, rnd);
        conv.advance(200 + rnd.nextInt(2_000));
      }
      renew(sim, d, dc, rnd, conv);
    }
  }

  private static void renew(
      Simulation sim, PlannedDevice d, PlannedDevice dc, SplittableRandom rnd, Conversation conv) {
    int xid = rnd.nextInt();
    Frames f = sim.frames;
    byte[] req = DhcpMessages.client(DhcpMessages.REQUEST, xid, d, d.ip, 0, 0, 0, 0);
    conv.add(
        f.udp(d.host(), dc.host(), Site.DHCP_CLIENT, Site.DHCP_SERVER, rnd.nextInt(1 << 16), req),
        d.index,
        dc.index);
    conv.advance(300 + rnd.nextInt(3_000));
    byte[] ack =
        DhcpMessages.server(
            DhcpMessages.ACK,
            xid,
            d.mac,
            false,
            d.ip,
            d.ip,
            0,
            0,
            dc.ip,
            d.zone.gatewayIp(),
            dc.ip);
    conv.add(
        f.udp(dc.host(), d.host(), Site.DHCP_SERVER, Site.DHCP_CLIENT, rnd.nextInt(1 << 16), ack),
        dc.index,
        d.index);
  }

  private static void dora(
      Simulation sim, PlannedDevice d, PlannedDevice dc, SplittableRandom rnd, Conversation conv) {
    int xid = rnd.nextInt();
    boolean relayed = d.zone != dc.zone;
    int giaddr = relayed ? d.zone.gatewayIp() : 0;
    byte[] discover = DhcpMessages.client(DhcpMessages.DISCOVER, xid, d, 0, 0, 0, d.ip, 0);
    broadcastFromClient(sim, d, discover, rnd, conv);
    if (relayed) {
      byte[] relay = DhcpMessages.client(DhcpMessages.DISCOVER, xid, d, 0, giaddr, 1, d.ip, 0);
      relayToServer(sim, d, dc, relay, rnd, conv);
    }
    conv.advance(500 + rnd.nextInt(5_000));
    serverReply(sim, d, dc, DhcpMessages.OFFER, xid, giaddr, rnd, conv);
    conv.advance(2_000 + rnd.nextInt(20_000));
    byte[] request = DhcpMessages.client(DhcpMessages.REQUEST, xid, d, 0, 0, 0, d.ip, dc.ip);
    broadcastFromClient(sim, d, request, rnd, conv);
    if (relayed) {
      byte[] relay = DhcpMessages.client(DhcpMessages.REQUEST, xid, d, 0, giaddr, 1, d.ip, dc.ip);
      relayToServer(sim, d, dc, relay, rnd, conv);
    }
    conv.advance(500 + rnd.nextInt(5_000));
    serverReply(sim, d, dc, DhcpMessages.ACK, xid, giaddr, rnd, conv);
  }

  private static void broadcastFromClient(
      Simulation sim, PlannedDevice d, byte[] msg, SplittableRandom rnd, Conversation conv) {
    conv.add(
        sim.frames.udp(
            d.mac,
            Frames.BROADCAST_MAC,
            d.zone.tag(),
            0,
            BROADCAST_IP,
            d.model.ttl(),
            Site.DHCP_CLIENT,
            Site.DHCP_SERVER,
            rnd.nextInt(1 << 16),
            msg),
        d.index,
        -1);
  }

  private static void relayToServer(
      Simulation sim,
      PlannedDevice d,
      PlannedDevice dc,
      byte[] msg,
      SplittableRandom rnd,
      Conversation conv) {
    conv.advance(100 + rnd.nextInt(400));
    Host relay = sim.plan.gateway(dc.zone);
    conv.add(
        sim.frames.udp(
            relay, dc.host(), Site.DHCP_SERVER, Site.DHCP_SERVER, rnd.nextInt(1 << 16), msg),
        relay.device(),
        dc.index);
  }

  private static void serverReply(
      Simulation sim,
      PlannedDevice d,
      PlannedDevice dc,
      int type,
      int xid,
      int giaddr,
      SplittableRandom rnd,
      Conversation conv) {
    boolean broadcast = d.model.dhcp().orElseThrow().broadcast();
    int hops = giaddr != 0 ? 1 : 0;
    byte[] reply =
        DhcpMessages.server(
            type, xid, d.mac, broadcast, 0, d.ip, giaddr, hops, dc.ip, d.zone.gatewayIp(), dc.ip);
    int dstIp = broadcast ? BROADCAST_IP : d.ip;
    long dstMac = broadcast ? Frames.BROADCAST_MAC : d.mac;
    if (giaddr != 0) {
      Host relayFacingServer = sim.plan.gateway(dc.zone);
      conv.add(
          sim.frames.udp(
              dc.mac,
              relayFacingServer.mac(),
              dc.zone.tag(),
              dc.ip,
              giaddr,
              dc.model.ttl(),
              Site.DHCP_SERVER,
              Site.DHCP_SERVER,
              rnd.nextInt(1 << 16),
              reply),
          dc.index,
          relayFacingServer.device());
      conv.advance(100 + rnd.nextInt(400));
      Host gw = sim.plan.gateway(d.zone);
      conv.add(
          sim.frames.udp(
              gw.mac(),
              dstMac,
              d.zone.tag(),
              giaddr,
              dstIp,
              gw.ttl(),
              Site.DHCP_SERVER,
              Site.DHCP_CLIENT,
              rnd.nextInt(1 << 16),
              reply),
          gw.device(),
          d.index);
    } else {
      conv.add(
          sim.frames.udp(
              dc.mac,
              dstMac,
              dc.zone.tag(),
              dc.ip,
              dstIp,
              dc.model.ttl(),
              Site.DHCP_SERVER,
              Site.DHCP_CLIENT,
              rnd.nextInt(1 << 16),
              reply),
          dc.index,
          d.index);
    }
  }
}
