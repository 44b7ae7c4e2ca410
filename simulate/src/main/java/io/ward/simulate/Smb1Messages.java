package io.ward.simulate;

/**
 * SMB1 (CIFS) messages as sent by legacy Windows and by MS17-010 scanners (MS-CIFS section 2.2):
 * NEGOTIATE, SESSION_SETUP_ANDX, TREE_CONNECT_ANDX, TRANSACTION PeekNamedPipe on FID 0 and
 * TRANSACTION2 SESSION_SETUP. Strings are OEM (the Unicode flag is off).
 */
final class Smb1Messages {
  private Smb1Messages() {}

  static final int NEGOTIATE = 0x72;
  static final int SESSION_SETUP_ANDX = 0x73;
  static final int TREE_CONNECT_ANDX = 0x75;
  static final int TRANSACTION = 0x25;
  static final int TRANSACTION2 = 0x32;
  static final long STATUS_SUCCESS = 0;
  static final long STATUS_INSUFF_SERVER_RESOURCES = 0xC000_0205L;
  static final long STATUS_NOT_IMPLEMENTED = 0xC000_0002L;

  /** What Windows 7 offers: the SMB1 dialects and the SMB2 upgrade strings. */
  static final String[] WINDOWS7_DIALECTS = {
    "PC NETWORK PROGRAM 1.0", "LANMAN1.0", "Windows for Workgroups 3.1a", "LM1.2X002",
    "LANMAN2.1", "NT LM 0.12", "SMB 2.002", "SMB 2.???"
  };

  /** What MS17-010 scanners offer: SMB1 only. */
  static final String[] SCANNER_DIALECTS = {
    "PC NETWORK PROGRAM 1.0",
    "LANMAN1.0",
    "Windows for Workgroups 3.1a",
    "LM1.2X002",
    "LANMAN2.1",
    "NT LM 0.12"
  };

  private static final int FLAGS2_CLIENT = 0x4001; // NT status codes, long names
  private static final int FLAGS2_WINDOWS7 = 0xC853; // + Unicode, extended security, signatures

  /** Identifiers carried in the SMB1 header. */
  record Ids(int tid, int pid, int uid, int mid) {}

  static byte[] negotiateRequest(String[] dialects, boolean windows7, Ids ids) {
    Bytes body = new Bytes(200);
    for (String d : dialects) {
      body.u8(0x02).ascii(d).u8(0);
    }
    Bytes b = header(NEGOTIATE, 0, false, windows7 ? FLAGS2_WINDOWS7 : FLAGS2_CLIENT, ids);
    b.u8(0).u16le(body.length()).bytes(body);
    return Smb2Messages.netbios(b);
  }

  /** NT LM 0.12 chosen, challenge/response security (no extended security). */
  static byte[] negotiateResponse(
      int dialectIndex, long micros, byte[] challenge, String domain, String server, Ids ids) {
    Bytes b = header(NEGOTIATE, STATUS_SUCCESS, true, FLAGS2_CLIENT, ids);
    b.u8(17);
    b.u16le(dialectIndex).u8(0x03).u16le(50).u16le(1);
    b.u32le(16644).u32le(65536).u32le(0).u32le(0x0000E3FDL);
    b.u64le(Smb2Messages.filetime(micros)).u16le(0).u8(8);
    Bytes data = new Bytes(64).bytes(challenge).ascii(domain).u8(0).ascii(server).u8(0);
    b.u16le(data.length()).bytes(data);
    return Smb2Messages.netbios(b);
  }

  static byte[] sessionSetupRequest(String nativeOs, String nativeLanMan, Ids ids) {
    Bytes b = header(SESSION_SETUP_ANDX, 0, false, FLAGS2_CLIENT, ids);
    b.u8(13).u8(0xFF).u8(0).u16le(0);
    b.u16le(4356).u16le(10).u16le(0).u32le(0);
    b.u16le(0).u16le(0).u32le(0).u32le(0x0000_0050L);
    Bytes data = new Bytes(64).u8(0).u8(0).ascii(nativeOs).u8(0).ascii(nativeLanMan).u8(0);
    b.u16le(data.length()).bytes(data);
    return Smb2Messages.netbios(b);
  }

  static byte[] sessionSetupResponse(String nativeOs, String nativeLanMan, String domain, Ids ids) {
    Bytes b = header(SESSION_SETUP_ANDX, STATUS_SUCCESS, true, FLAGS2_CLIENT, ids);
    b.u8(3).u8(0xFF).u8(0).u16le(0).u16le(0);
    Bytes data = new Bytes(96).ascii(nativeOs).u8(0).ascii(nativeLanMan).u8(0).ascii(domain).u8(0);
    b.u16le(data.length()).bytes(data);
    return Smb2Messages.netbios(b);
  }

  static byte[] treeConnectRequest(String path, Ids ids) {
    Bytes b = header(TREE_CONNECT_ANDX, 0, false, FLAGS2_CLIENT, ids);
    b.u8(4).u8(0xFF).u8(0).u16le(0).u16le(0).u16le(1);
    Bytes data = new Bytes(64).u8(0).ascii(path).u8(0).ascii("?????").u8(0);
    b.u16le(data.length()).bytes(data);
    return Smb2Messages.netbios(b);
  }

  static byte[] treeConnectResponse(Ids ids) {
    Bytes b = header(TREE_CONNECT_ANDX, STATUS_SUCCESS, true, FLAGS2_CLIENT, ids);
    b.u8(3).u8(0xFF).u8(0).u16le(0).u16le(0x0001);
    Bytes data = new Bytes(8).ascii("IPC").u8(0).u8(0);
    b.u16le(data.length()).bytes(data);
    return Smb2Messages.netbios(b);
  }

  /** TRANSACTION PeekNamedPipe on FID 0: the MS17-010 check (MS-CIFS 2.2.5.5). */
  static byte[] peekNamedPipe(Ids ids) {
    Bytes b = header(TRANSACTION, 0, false, FLAGS2_CLIENT, ids);
    byte[] name = Bytes.text("\\PIPE\\\0");
    int offset = 32 + 1 + 32 + 2 + name.length;
    b.u8(16);
    b.u16le(0).u16le(0).u16le(0xFFFF).u16le(0xFFFF).u8(0).u8(0).u16le(0).u32le(0).u16le(0);
    b.u16le(0).u16le(offset).u16le(0).u16le(offset).u8(2).u8(0);
    b.u16le(0x0023).u16le(0); // PeekNamedPipe, FID 0
    b.u16le(name.length).bytes(name);
    return Smb2Messages.netbios(b);
  }

  /** TRANSACTION2 SESSION_SETUP with the timeout value DoublePulsar's ping uses. */
  static byte[] trans2SessionSetup(Ids ids) {
    Bytes b = header(TRANSACTION2, 0, false, FLAGS2_CLIENT, ids);
    b.u8(15);
    b.u16le(12).u16le(0).u16le(1).u16le(0).u8(0).u8(0).u16le(0);
    b.u32le(0x00A6_D9A4L).u16le(0);
    b.u16le(12).u16le(66).u16le(0).u16le(78).u8(1).u8(0);
    b.u16le(0x000E); // SESSION_SETUP
    b.u16le(13).u8(0).zeros(12);
    return Smb2Messages.netbios(b);
  }

  /** An error reply carrying only a status (word and byte counts zero). */
  static byte[] errorResponse(int command, long status, Ids ids) {
    Bytes b = header(command, status, true, FLAGS2_CLIENT, ids);
    b.u8(0).u16le(0);
    return Smb2Messages.netbios(b);
  }

  private static Bytes header(int command, long status, boolean response, int flags2, Ids ids) {
    Bytes b = new Bytes(160);
    b.u8(0xFF).ascii("SMB").u8(command).u32le(status);
    b.u8(response ? 0x98 : 0x18).u16le(flags2);
    b.u16le(0).zeros(8).u16le(0);
    b.u16le(ids.tid()).u16le(ids.pid()).u16le(ids.uid()).u16le(ids.mid());
    return b;
  }
}
