package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * SMB2 NEGOTIATE over NetBIOS session service framing (MS-SMB2 sections 2.2.1, 2.2.3, 2.2.4; RFC
 * 1002 section 4.3.1), with the SPNEGO NegTokenInit a Windows server returns.
 */
final class Smb2Messages {
  private Smb2Messages() {}

  static final int SMB_2_0_2 = 0x0202;
  static final int SMB_2_1 = 0x0210;
  static final int SMB_3_0 = 0x0300;
  static final int SMB_3_0_2 = 0x0302;
  static final int SMB_2_WILDCARD = 0x02FF;
  private static final long FILETIME_EPOCH_OFFSET = 11_644_473_600L; // 1601 to 1970 in seconds

  static byte[] negotiateRequest(long messageId, int[] dialects, SplittableRandom rnd) {
    Bytes b = new Bytes(128);
    header(b, 0, messageId, false);
    b.u16le(36).u16le(dialects.length).u16le(1).u16le(0);
    b.u32le(dialects[dialects.length - 1] >= SMB_3_0 ? 0x7F : 0);
    b.bytes(Certificates.random(rnd, 16)); // ClientGuid
    b.u64le(0); // ClientStartTime (no 3.1.1 negotiate contexts)
    for (int d : dialects) {
      b.u16le(d);
    }
    return netbios(b);
  }

  static byte[] negotiateResponse(long messageId, int dialect, byte[] serverGuid, long micros) {
    byte[] blob = spnegoInit();
    Bytes b = new Bytes(256);
    header(b, 0, messageId, true);
    b.u16le(65).u16le(1).u16le(dialect).u16le(0);
    b.bytes(serverGuid);
    b.u32le(dialect >= SMB_3_0 ? 0x2F : 0x07);
    b.u32le(8_388_608).u32le(8_388_608).u32le(8_388_608);
    b.u64le(filetime(micros)).u64le(0);
    b.u16le(128).u16le(blob.length).u32le(0);
    b.bytes(blob);
    return netbios(b);
  }

  /** SPNEGO NegTokenInit offering NEGOEX and NTLMSSP (RFC 4178 section 4.2.1). */
  static byte[] spnegoInit() {
    byte[] mechs = Der.seq(Der.oid("1.3.6.1.4.1.311.2.2.30"), Der.oid("1.3.6.1.4.1.311.2.2.10"));
    byte[] negTokenInit = Der.explicit(0, Der.seq(Der.explicit(0, mechs)));
    return Der.tlv(0x60, Der.oid("1.3.6.1.5.5.2"), negTokenInit);
  }

  private static void header(Bytes b, int command, long messageId, boolean response) {
    b.u8(0xFE).ascii("SMB").u16le(64).u16le(0).u32le(0);
    b.u16le(command).u16le(1).u32le(response ? 1 : 0).u32le(0);
    b.u64le(messageId).u32le(0xFEFF).u32le(0).u64le(0);
    b.zeros(16);
  }

  static long filetime(long micros) {
    return (micros / 1_000_000 + FILETIME_EPOCH_OFFSET) * 10_000_000L + (micros % 1_000_000) * 10;
  }

  /** Prefixes the NetBIOS session message header (type 0, 24-bit length). */
  static byte[] netbios(Bytes smb) {
    return new Bytes(smb.length() + 4).u8(0).u24(smb.length()).bytes(smb).toArray();
  }
}
