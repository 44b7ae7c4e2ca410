package io.ward.capture.dissect.smb;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * SMB on TCP 445 and (NetBIOS session service) 139: SMBv1 negotiate and session setup (dialect
 * strings, {@code smb.v1}, NativeOS), SMB2/3 negotiate (dialect revisions, 3.1.1 compression).
 */
public final class SmbDissector implements Dissector {

  @Override
  public String protocol() {
    return "smb";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {445, 139};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  /**
   * A NetBIOS session message holding an SMB protocol id, or (port 139) a NetBIOS session request /
   * positive response that precedes it (RFC 1002 §4.3.2).
   */
  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (length < 4 || offset < 0 || offset + length > buf.length) {
      return false;
    }
    int type = buf[offset] & 0xFF;
    if (type == 0x81 || type == 0x82) {
      return true;
    }
    return type == 0x00 && length >= 8 && SmbParser.isSmb(buf, offset + 4, length - 4);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new SmbSession(flow);
  }
}
