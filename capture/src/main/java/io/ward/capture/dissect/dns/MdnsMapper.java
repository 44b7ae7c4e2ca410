package io.ward.capture.dissect.dns;

import io.ward.model.ObservationFields;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Multicast DNS and DNS-SD (RFC 6762, RFC 6763): what a host announces about itself. Responses'
 * answer and additional records are the responder's own (§6); a query's authority section holds the
 * records a host is probing to claim (§8.2). Known answers in a query's answer section are other
 * hosts' cached records, so they are ignored.
 */
final class MdnsMapper implements MessageMapper {

  /** Service instance name (RFC 6763 §4.1), e.g. {@code Lab Printer._ipp._tcp.local}. */
  static final String MDNS_INSTANCE = "mdns.instance";

  /** Service type and the port it listens on, from SRV, e.g. {@code _ipp._tcp.local:631}. */
  static final String MDNS_SERVICE_PORT = "mdns.servicePort";

  /** A DNS-SD TXT pair that identifies the device (model, type, vendor…), as {@code key=value}. */
  static final String MDNS_TXT = "mdns.txt";

  /** TXT keys worth keeping (RFC 6763 §6 gives the format; these come from printer, AirPlay…). */
  private static final Set<String> TXT_KEYS =
      Set.of(
          "md",
          "model",
          "ty",
          "product",
          "usb_mfg",
          "usb_mdl",
          "mfg",
          "manufacturer",
          "vendor",
          "am",
          "osxvers",
          "os",
          "fv",
          "firmware",
          "version",
          "vers",
          "srcvers",
          "note");

  private static final String SERVICES_META = "_services._dns-sd._udp.local";

  /** Splits a presentation-format name on dots that are not escaped ({@code \.}). */
  private static final Pattern LABELS = Pattern.compile("(?<!\\\\)\\.");

  @Override
  public void map(DnsMessage m, Emitter out) {
    if (m.isResponse()) {
      records(m.answers(), out);
      records(m.additionals(), out);
      records(m.authorities(), out);
    } else {
      records(m.authorities(), out);
    }
  }

  private void records(List<DnsRecord> records, Emitter out) {
    for (DnsRecord r : records) {
      Rdata d = r.rdata();
      if (d instanceof Rdata.Address a) {
        out.subject(a.address(), true)
            .ifPresent(s -> out.emit(s, ObservationFields.MDNS_NAME, r.name()));
      } else if (d instanceof Rdata.Name n && r.type() == DnsParser.TYPE_PTR) {
        pointer(r.name(), n.target(), out);
      } else if (d instanceof Rdata.Srv srv) {
        String type = serviceType(r.name());
        if (!type.isEmpty()) {
          out.emit(out.sender(), ObservationFields.MDNS_SERVICE, type);
          out.emit(out.sender(), MDNS_SERVICE_PORT, type + ":" + srv.port());
        }
      } else if (d instanceof Rdata.Txt txt && !serviceType(r.name()).isEmpty()) {
        for (String s : txt.strings()) {
          int eq = s.indexOf('=');
          if (eq > 0 && eq < s.length() - 1) {
            String key = s.substring(0, eq).toLowerCase(Locale.ROOT);
            if (TXT_KEYS.contains(key)) {
              out.emit(out.sender(), MDNS_TXT, key + "=" + s.substring(eq + 1));
            }
          }
        }
      }
    }
  }

  private void pointer(String owner, String target, Emitter out) {
    var reverse = ReverseName.address(owner);
    if (reverse.isPresent()) {
      out.subject(reverse.get(), true)
          .ifPresent(s -> out.emit(s, ObservationFields.MDNS_NAME, target));
      return;
    }
    if (owner.equalsIgnoreCase(SERVICES_META)) {
      out.emit(out.sender(), ObservationFields.MDNS_SERVICE, target);
      return;
    }
    if (isServiceType(owner)) {
      out.emit(out.sender(), ObservationFields.MDNS_SERVICE, owner);
      out.emit(out.sender(), MDNS_INSTANCE, target);
    }
  }

  /** True for {@code _service._tcp.domain} or {@code _service._udp.domain} (not a subtype). */
  static boolean isServiceType(String name) {
    String[] labels = LABELS.split(name);
    return labels.length >= 3
        && labels[0].startsWith("_")
        && (labels[1].equalsIgnoreCase("_tcp") || labels[1].equalsIgnoreCase("_udp"));
  }

  /** The service type of an instance name ({@code <Instance>._ipp._tcp.local}), else "". */
  static String serviceType(String instance) {
    String[] labels = LABELS.split(instance);
    for (int i = 1; i + 1 < labels.length; i++) {
      if (labels[i].startsWith("_")
          && (labels[i + 1].equalsIgnoreCase("_tcp") || labels[i + 1].equalsIgnoreCase("_udp"))) {
        return String.join(".", Arrays.copyOfRange(labels, i, labels.length));
      }
    }
    return "";
  }
}
