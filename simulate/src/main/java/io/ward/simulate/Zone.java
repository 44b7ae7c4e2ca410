package io.ward.simulate;

/**
 * A layer-2 segment of the hospital: one VLAN and one /16 subnet {@code 10.<vlan>.0.0/16} whose
 * gateway {@code 10.<vlan>.0.1} is the core router. Clinical segments are 802.1Q tagged at the
 * capture point; office segments arrive untagged.
 */
enum Zone {
  SERVERS(10, false),
  CLINICAL(20, true),
  INFUSION(21, true),
  IMAGING(30, true),
  LAB(40, true),
  CORPORATE(50, false),
  VOICE(60, true),
  FACILITIES(70, false),
  WIRELESS(80, false),
  MANAGEMENT(99, false);

  /** Hosts per zone: x.x.0.0 to x.x.255.255 without the first /24 and without .0 and .255. */
  static final int CAPACITY = 255 * 254;

  private final int vlanId;
  private final boolean tagged;

  Zone(int vlanId, boolean tagged) {
    this.vlanId = vlanId;
    this.tagged = tagged;
  }

  int vlanId() {
    return vlanId;
  }

  /** The VLAN id on frames sent from this zone, 0 when they arrive untagged. */
  int tag() {
    return tagged ? vlanId : 0;
  }

  int gatewayIp() {
    return Host.ip(10, vlanId, 0, 1);
  }

  /**
   * The address of the n-th host (from 0): never a .0 or .255 address, which Ward (rightly) treats
   * as network or broadcast addresses, and never in the first /24, kept for infrastructure.
   */
  int hostIp(int n) {
    if (n < 0 || n >= CAPACITY) {
      throw new IllegalArgumentException("zone " + this + " holds " + CAPACITY + " hosts: " + n);
    }
    int third = 1 + n / 254;
    int fourth = 1 + n % 254;
    return Host.ip(10, vlanId, third, fourth);
  }

  /** An infrastructure address {@code 10.<vlan>.0.<n>}. */
  int infraIp(int n) {
    return Host.ip(10, vlanId, 0, n);
  }
}
