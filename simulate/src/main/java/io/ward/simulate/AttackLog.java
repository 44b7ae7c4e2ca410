package io.ward.simulate;

import java.util.ArrayList;
import java.util.List;

/** The ground truth of the attacks of one run: who, against whom, when, and how many frames. */
final class AttackLog {

  /** One attack; the counters fill in while its frames are written. */
  static final class Entry {
    final String name;
    final int attacker;
    final List<Integer> targets;
    final List<String> remoteTargets;
    long packets;
    long firstMicros = -1;
    long lastMicros = -1;

    Entry(String name, int attacker, List<Integer> targets, List<String> remoteTargets) {
      this.name = name;
      this.attacker = attacker;
      this.targets = List.copyOf(targets);
      this.remoteTargets = List.copyOf(remoteTargets);
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  int register(String name, int attacker, List<Integer> targets, List<String> remoteTargets) {
    entries.add(new Entry(name, attacker, targets, remoteTargets));
    return entries.size() - 1;
  }

  void count(int id, long atMicros) {
    Entry e = entries.get(id);
    e.packets++;
    if (e.firstMicros < 0) {
      e.firstMicros = atMicros;
    }
    e.lastMicros = atMicros;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }
}
