package io.ward.capture.dissect.dns;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Endpoint;
import io.ward.model.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * NetBIOS datagram service on UDP 138 (RFC 1002 §4.4): Windows browser announcements, which give a
 * host's name, its OS version and what it serves ({@code browser.*}), and workgroup names.
 */
public final class NetbiosDatagramDissector implements Dissector {

  /** The NetBIOS host name a host announces. */
  static final String BROWSER_HOST = "browser.host";

  /** The OS version a host announces, {@code major.minor} (6.1 = Windows 7 / Server 2008 R2). */
  static final String BROWSER_OS_VERSION = "browser.osVersion";

  /** What the host says it is, as SV_TYPE names ({@code workstation,server,sql_server…}). */
  static final String BROWSER_SERVER_TYPE = "browser.serverType";

  /** A workgroup or domain a master browser announces. */
  static final String BROWSER_WORKGROUP = "browser.workgroup";

  /** SV_TYPE_* bit names in bit order ([MS-RAP] 2.5.5.2.1). */
  private static final String[] SERVER_TYPES = {
    "workstation",
    "server",
    "sql_server",
    "domain_controller",
    "backup_controller",
    "time_source",
    "afp",
    "novell",
    "domain_member",
    "print_queue",
    "dialin",
    "unix",
    "nt_workstation",
    "wfw",
    "server_mfpn",
    "nt_server",
    "potential_browser",
    "backup_browser",
    "master_browser",
    "domain_master",
    "osf",
    "vms",
    "windows",
    "dfs",
    "cluster_nt",
    "terminal_server",
    "cluster_vs_nt",
    "bit27",
    "dce",
    "alternate_xport",
    "local_list_only",
    "domain_enum"
  };

  @Override
  public String protocol() {
    return "nbdgm";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {138};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    return NetbiosDatagramParser.looksLikeDatagram(buf, offset, length);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return (fromClient, epochNanos, buf, offset, length) -> {
      if (!NetbiosDatagramParser.looksLikeDatagram(buf, offset, length)) {
        flow.anomaly("nbdgm.bad_datagram");
        return true;
      }
      NetbiosDatagramParser.announcement(buf, offset, length)
          .ifPresent(a -> emit(flow, fromClient, epochNanos, a));
      return true;
    };
  }

  private static void emit(FlowContext flow, boolean fromClient, long t, BrowserAnnouncement a) {
    Endpoint sender = fromClient ? flow.client() : flow.server();
    Endpoint subject =
        sender.ip().filter(a.source()::equals).isPresent() || a.source().isGroupOrUnspecified()
            ? sender
            : Endpoint.ofIp(a.source(), flow.client().vlan());
    if (a.opcode() == BrowserAnnouncement.DOMAIN_ANNOUNCEMENT) {
      flow.observe(subject, t, BROWSER_WORKGROUP, a.name());
      return;
    }
    flow.observe(subject, t, BROWSER_HOST, a.name());
    flow.observe(subject, t, BROWSER_OS_VERSION, a.osMajor() + "." + a.osMinor());
    flow.observe(subject, t, BROWSER_SERVER_TYPE, serverTypes(a.serverType()));
  }

  /** The names of the set SV_TYPE bits, comma-separated. */
  static String serverTypes(int flags) {
    List<String> names = new ArrayList<>();
    for (int bit = 0; bit < 32; bit++) {
      if ((flags & (1 << bit)) != 0) {
        names.add(SERVER_TYPES[bit]);
      }
    }
    return String.join(",", names);
  }
}
