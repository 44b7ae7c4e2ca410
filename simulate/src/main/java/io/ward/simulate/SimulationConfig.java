package io.ward.simulate;

import java.util.List;
import java.util.Objects;

/**
 * What to simulate: how many devices, for how long, from which seed, with which attacks, starting
 * at which capture time. Two runs with equal configs write identical bytes.
 *
 * @param devices number of devices in the hospital, from {@link #MIN_DEVICES} to {@link
 *     #MAX_DEVICES}
 * @param minutes capture length, from 1 to {@link #MAX_MINUTES}
 * @param seed seed of every random choice
 * @param attacks names from {@link HospitalSimulator#attackNames()}, each at most once
 * @param startEpochMillis capture time of the start of the window (never the wall clock)
 */
public record SimulationConfig(
    int devices, int minutes, long seed, List<String> attacks, long startEpochMillis) {

  /** The smallest hospital: the core servers plus a few devices of each kind. */
  public static final int MIN_DEVICES = 20;

  /** The largest hospital the address plan holds (one /16 per zone). */
  public static final int MAX_DEVICES = 150_000;

  /** The longest capture window. */
  public static final int MAX_MINUTES = 24 * 60;

  /** Default capture start: 2024-03-04T08:00:00Z, a Monday morning. */
  public static final long DEFAULT_START_EPOCH_MILLIS = 1_709_539_200_000L;

  public SimulationConfig {
    if (devices < MIN_DEVICES || devices > MAX_DEVICES) {
      throw new IllegalArgumentException(
          "devices must lie in [" + MIN_DEVICES + ", " + MAX_DEVICES + "]: " + devices);
    }
    if (minutes < 1 || minutes > MAX_MINUTES) {
      throw new IllegalArgumentException(
          "minutes must lie in [1, " + MAX_MINUTES + "]: " + minutes);
    }
    if (startEpochMillis < 0 || startEpochMillis > 4_000_000_000_000L) {
      throw new IllegalArgumentException("startEpochMillis out of range: " + startEpochMillis);
    }
    attacks = List.copyOf(Objects.requireNonNull(attacks, "attacks"));
    List<String> known = HospitalSimulator.attackNames();
    for (String attack : attacks) {
      if (!known.contains(attack)) {
        throw new IllegalArgumentException("unknown attack " + attack + "; known: " + known);
      }
    }
    if (attacks.stream().distinct().count() != attacks.size()) {
      throw new IllegalArgumentException("an attack is listed twice: " + attacks);
    }
  }

  /** A benign simulation starting at {@link #DEFAULT_START_EPOCH_MILLIS}. */
  public static SimulationConfig of(int devices, int minutes, long seed) {
    return new SimulationConfig(devices, minutes, seed, List.of(), DEFAULT_START_EPOCH_MILLIS);
  }

  /** This config with the given attacks. */
  public SimulationConfig withAttacks(List<String> names) {
    return new SimulationConfig(devices, minutes, seed, names, startEpochMillis);
  }
}
