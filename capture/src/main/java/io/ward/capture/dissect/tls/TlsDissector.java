package io.ward.capture.dissect.tls;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * TLS and SSL (SSLv2 hello, SSL 3.0, TLS 1.0–1.3) on the usual ports and, by its record header, on
 * any port: versions, SNI, cipher suites, JA3 and JA4 client fingerprints, and the server
 * certificate where it travels in clear (TLS ≤ 1.2 and SSLv2; in TLS 1.3 it is encrypted and {@code
 * tls.certEncrypted} says so).
 */
public final class TlsDissector implements Dissector {

  private static final int HANDSHAKE = 22;

  @Override
  public String protocol() {
    return "tls";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  /**
   * HTTPS 443/8443/4443, LDAPS 636, SMTPS 465, IMAPS 993, POP3S 995, FTPS 990, SIP-TLS 5061,
   * DICOM-TLS 2762, syslog-TLS 6514, MQTT-TLS 8883, AMQPS 5671, HL7 over TLS is on any port.
   */
  @Override
  public int[] wellKnownPorts() {
    return new int[] {443, 8443, 4443, 636, 465, 993, 995, 990, 5061, 2762, 6514, 8883, 5671};
  }

  @Override
  public boolean heuristic() {
    return true;
  }

  /**
   * A TLS handshake record whose first message is a ClientHello (from a client) or ServerHello
   * (from a server: one-sided captures), or an SSLv2 CLIENT-HELLO / SERVER-HELLO.
   */
  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (length < 6 || offset < 0 || offset + length > buf.length) {
      return false;
    }
    int b0 = buf[offset] & 0xFF;
    if (b0 == HANDSHAKE) {
      int major = buf[offset + 1] & 0xFF;
      int minor = buf[offset + 2] & 0xFF;
      int recordLength = ((buf[offset + 3] & 0xFF) << 8) | (buf[offset + 4] & 0xFF);
      int type = buf[offset + 5] & 0xFF;
      return major == 3
          && minor <= 4
          && recordLength >= 4
          && recordLength <= RecordReader.MAX_RECORD
          && (type == 1 || type == 2);
    }
    if ((b0 & 0x80) != 0 && length >= 7) {
      int type = buf[offset + 2] & 0xFF;
      // CLIENT-HELLO: type, version; SERVER-HELLO: type, session-id-hit, cert type, version.
      int at = offset + (type == 4 ? 5 : 3);
      int version = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
      boolean knownVersion = version == 0x0002 || (version >= 0x0300 && version <= 0x0303);
      return (type == 1 || type == 4) && knownVersion;
    }
    return false;
  }

  @Override
  public boolean encrypted() {
    return true;
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new TlsSession(flow);
  }
}
