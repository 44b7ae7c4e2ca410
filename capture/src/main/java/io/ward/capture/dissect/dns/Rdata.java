package io.ward.capture.dissect.dns;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.List;
import java.util.Optional;

/** The decoded data of a resource record: a closed family, one variant per shape Ward reads. */
sealed interface Rdata {

  /** A (RFC 1035 §3.4.1) or AAAA (RFC 3596) address. */
  record Address(IpAddress address) implements Rdata {}

  /** A domain name: PTR, CNAME, NS. */
  record Name(String target) implements Rdata {}

  /** SRV (RFC 2782). */
  record Srv(int priority, int weight, int port, String target) implements Rdata {}

  /** TXT character strings (RFC 1035 §3.3.14; key=value pairs in DNS-SD, RFC 6763 §6). */
  record Txt(List<String> strings) implements Rdata {
    public Txt {
      strings = List.copyOf(strings);
    }
  }

  /** NBNS NB record: the addresses a NetBIOS name maps to (RFC 1002 §4.2.1.3), group or not. */
  record NbAddresses(boolean group, List<IpAddress> addresses) implements Rdata {
    public NbAddresses {
      addresses = List.copyOf(addresses);
    }
  }

  /** NBNS node status response (RFC 1002 §4.2.18): the names a node holds and its unit id. */
  record NodeStatus(List<NbName> names, Optional<MacAddress> unitId) implements Rdata {
    public NodeStatus {
      names = List.copyOf(names);
    }
  }

  /** One entry of a node status name table, shown like Wireshark: {@code NAME<20>}. */
  record NbName(String name, boolean group) {}

  /** Any other record type, kept only by its length. */
  record Other(int length) implements Rdata {}
}
