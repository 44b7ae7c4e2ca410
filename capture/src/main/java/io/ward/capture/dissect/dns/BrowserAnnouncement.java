package io.ward.capture.dissect.dns;

import io.ward.model.IpAddress;

/**
 * A Windows browser announcement ([MS-BRWS] 2.2.1-2.2.4) carried in a NetBIOS datagram to the
 * \MAILSLOT\BROWSE mailslot.
 *
 * @param opcode 1 HostAnnouncement, 12 DomainAnnouncement, 15 LocalMasterAnnouncement
 * @param name the server (host) name; for a DomainAnnouncement the workgroup or domain name
 * @param serverType SV_TYPE_* flags ([MS-RAP] 2.5.5.2.1)
 * @param source the datagram's SOURCE_IP (RFC 1002 §4.4.1), the announcing host
 */
record BrowserAnnouncement(
    int opcode, String name, int osMajor, int osMinor, int serverType, IpAddress source) {

  static final int HOST_ANNOUNCEMENT = 1;
  static final int DOMAIN_ANNOUNCEMENT = 12;
  static final int LOCAL_MASTER_ANNOUNCEMENT = 15;
}
