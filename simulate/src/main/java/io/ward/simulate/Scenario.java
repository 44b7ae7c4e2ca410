package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * One kind of recurring conversation attached to one device (its owner): the owner may be the
 * client (a monitor sending vitals) or the server (a printer polled over SNMP). Attaching
 * server-initiated conversations to their target means no device is contacted before it is up.
 */
interface Scenario {

  /** Whether the owner takes part: its role and declared protocols allow it. */
  boolean appliesTo(PlannedDevice owner, NetworkPlan plan);

  /** Records in the plan which protocols each participant speaks, for the ground truth. */
  void declare(PlannedDevice owner, NetworkPlan plan);

  /**
   * Writes one occurrence into {@code conv}, starting at its clock.
   *
   * @param occurrence 0 for the first occurrence, which must show every declared protocol
   */
  void build(
      Simulation sim, PlannedDevice owner, SplittableRandom rnd, int occurrence, Conversation conv);
}
