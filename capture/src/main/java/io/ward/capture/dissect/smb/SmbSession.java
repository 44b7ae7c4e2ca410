package io.ward.capture.dissect.smb;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One SMB connection: the dialects offered and chosen, whether SMBv1 is spoken, the NativeOS of
 * SMBv1 session setup, SMB 3.1.1 compression. Stops after the session setup, at encryption, or
 * after {@link #MAX_MESSAGES} messages.
 */
final class SmbSession implements DissectorSession {

  /** Dialects a client offered, comma-separated ("NT LM 0.12,SMB 2.002" or "2.0.2,3.1.1"). */
  static final String SMB_CLIENT_DIALECTS = "smb.clientDialects";

  /** SMB 3.1.1 compression algorithms offered or chosen (the SMBGhost, CVE-2020-0796, path). */
  static final String SMB_COMPRESSION = "smb.compression";

  /** NativeLanMan of an SMBv1 session setup (e.g. "Windows 2000 5.0"). */
  static final String SMB_NATIVE_LAN_MAN = "smb.nativeLanMan";

  static final int MAX_MESSAGES = 16;

  private static final Map<Integer, String> COMPRESSION =
      Map.of(0, "NONE", 1, "LZNT1", 2, "LZ77", 3, "LZ77+Huffman", 4, "Pattern_V1", 5, "LZ4");

  private final FlowContext flow;
  private final Side client = new Side(true);
  private final Side server = new Side(false);
  private List<String> offeredDialects = List.of();
  private long epochNanos;
  private int messages;
  private boolean done;

  SmbSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    this.epochNanos = epochNanos;
    (fromClient ? client : server).framer.feed(buf, offset, length);
    return !done;
  }

  private void observe(boolean aboutClient, String field, String value) {
    if (!value.isEmpty()) {
      flow.observe(aboutClient, epochNanos, field, value);
    }
  }

  /** "2.0.2" … "3.1.1" for the SMB2 dialect revisions of [MS-SMB2] 2.2.3. */
  static String dialectName(int revision) {
    switch (revision) {
      case 0x0202:
        return "2.0.2";
      case 0x0210:
        return "2.1";
      case 0x0222:
        return "2.2.2";
      case 0x0224:
        return "2.2.4";
      case 0x0300:
        return "3.0";
      case 0x0302:
        return "3.0.2";
      case 0x0310:
        return "3.1.0";
      case 0x0311:
        return "3.1.1";
      case 0x02FF:
        return "2.???";
      default:
        return String.format("0x%04x", revision);
    }
  }

  private void handle(SmbMessage m, boolean fromClient) {
    if (m instanceof SmbMessage.Smb1Negotiate n) {
      smb1Negotiate(n, fromClient);
    } else if (m instanceof SmbMessage.Smb1SessionSetup s) {
      s.nativeOs().ifPresent(v -> observe(fromClient, ObservationFields.SMB_NATIVE_OS, v));
      s.nativeLanMan().ifPresent(v -> observe(fromClient, SMB_NATIVE_LAN_MAN, v));
      if (!s.request()) {
        done = true;
      }
    } else if (m instanceof SmbMessage.Smb2Negotiate n) {
      smb2Negotiate(n, fromClient);
    } else if (m instanceof SmbMessage.Encrypted) {
      flow.markEncrypted();
      done = true;
    }
  }

  private void smb1Negotiate(SmbMessage.Smb1Negotiate n, boolean fromClient) {
    if (n.request()) {
      offeredDialects = n.dialects();
      observe(fromClient, SMB_CLIENT_DIALECTS, String.join(",", n.dialects()));
      // Offering any dialect besides the SMB2 upgrade strings ("SMB 2.002", "SMB 2.???")
      // means the client can speak SMBv1.
      if (n.dialects().stream().anyMatch(d -> !d.startsWith("SMB 2."))) {
        observe(fromClient, ObservationFields.SMB_V1, "true");
      }
      return;
    }
    // An SMBv1 response: the server speaks SMBv1.
    observe(fromClient, ObservationFields.SMB_V1, "true");
    if (n.selectedIndex() >= 0 && n.selectedIndex() < offeredDialects.size()) {
      observe(fromClient, ObservationFields.SMB_DIALECT, offeredDialects.get(n.selectedIndex()));
    }
  }

  private void smb2Negotiate(SmbMessage.Smb2Negotiate n, boolean fromClient) {
    List<String> names = new ArrayList<>();
    for (int d : n.dialects()) {
      names.add(dialectName(d));
    }
    if (n.request()) {
      observe(fromClient, SMB_CLIENT_DIALECTS, String.join(",", names));
    } else if (!n.dialects().isEmpty() && n.dialects().get(0) != 0x02FF) {
      observe(fromClient, ObservationFields.SMB_DIALECT, names.get(0));
    }
    if (!n.compression().isEmpty()) {
      List<String> algorithms = new ArrayList<>();
      for (int a : n.compression()) {
        algorithms.add(COMPRESSION.getOrDefault(a, String.format("0x%04x", a)));
      }
      observe(fromClient, SMB_COMPRESSION, String.join(",", algorithms));
    }
    if (!n.request() && n.dialects().stream().noneMatch(d -> d == 0x02FF)) {
      // SMB2 carries nothing more Ward reads in clear after the negotiation.
      done = true;
    }
  }

  /** One direction's framer. */
  private final class Side implements NetbiosFramer.Listener {
    final boolean fromClient;
    final NetbiosFramer framer = new NetbiosFramer(this);

    Side(boolean fromClient) {
      this.fromClient = fromClient;
    }

    @Override
    public void message(byte[] buf, int offset, int length) {
      if (done) {
        return;
      }
      if (++messages > MAX_MESSAGES) {
        done = true;
        return;
      }
      var parsed = SmbParser.parse(buf, offset, length);
      if (parsed.isEmpty()) {
        flow.anomaly("smb.bad_message");
        return;
      }
      handle(parsed.get(), fromClient);
    }

    @Override
    public void skipped(int length) {
      if (++messages > MAX_MESSAGES) {
        done = true;
      }
    }
  }
}
