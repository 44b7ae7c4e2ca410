package io.ward.simulate;

import java.util.SplittableRandom;

/** ARP on one segment (RFC 826): a broadcast request and its unicast reply, or an announcement. */
final class ArpExchange {
  private ArpExchange() {}

  private static final int REQUEST = 1;
  private static final int REPLY = 2;

  /** {@code asker} asks who has {@code target}'s address; {@code target} answers. */
  static void resolve(Conversation conv, Host asker, Host target, SplittableRandom rnd) {
    conv.add(
        Frames.arp(
            asker.mac(),
            Frames.BROADCAST_MAC,
            asker.vlan(),
            REQUEST,
            asker.mac(),
            asker.ip(),
            0,
            target.ip()),
        asker.device(),
        -1);
    conv.advance(60 + rnd.nextInt(400));
    conv.add(
        Frames.arp(
            target.mac(),
            asker.mac(),
            target.vlan(),
            REPLY,
            target.mac(),
            target.ip(),
            asker.mac(),
            asker.ip()),
        target.device(),
        asker.device());
  }

  /** A gratuitous ARP announcing {@code host}'s binding (RFC 5227 section 2.3). */
  static void announce(Conversation conv, Host host) {
    conv.add(
        Frames.arp(
            host.mac(),
            Frames.BROADCAST_MAC,
            host.vlan(),
            REQUEST,
            host.mac(),
            host.ip(),
            0,
            host.ip()),
        host.device(),
        -1);
  }
}
