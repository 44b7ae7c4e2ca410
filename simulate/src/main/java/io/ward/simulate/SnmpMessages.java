package io.ward.simulate;

/** SNMPv2c GetRequest and Response for sysDescr.0 and sysName.0 (RFC 3416, RFC 1907). */
final class SnmpMessages {
  private SnmpMessages() {}

  static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
  static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";
  private static final int GET_REQUEST = 0xA0;
  private static final int RESPONSE = 0xA2;
  private static final int VERSION_2C = 1;

  static byte[] get(String community, int requestId) {
    byte[] bindings =
        Der.seq(Der.seq(Der.oid(SYS_DESCR), Der.nul()), Der.seq(Der.oid(SYS_NAME), Der.nul()));
    return message(community, GET_REQUEST, requestId, bindings);
  }

  static byte[] response(String community, int requestId, String sysDescr, String sysName) {
    byte[] bindings =
        Der.seq(
            Der.seq(Der.oid(SYS_DESCR), Der.octets(Bytes.utf8(sysDescr))),
            Der.seq(Der.oid(SYS_NAME), Der.octets(Bytes.utf8(sysName))));
    return message(community, RESPONSE, requestId, bindings);
  }

  private static byte[] message(String community, int pduType, int requestId, byte[] bindings) {
    byte[] pdu = Der.tlv(pduType, Der.integer(requestId), Der.integer(0), Der.integer(0), bindings);
    return Der.seq(Der.integer(VERSION_2C), Der.octets(Bytes.text(community)), pdu);
  }
}
