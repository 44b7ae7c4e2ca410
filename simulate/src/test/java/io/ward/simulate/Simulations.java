package io.ward.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Runs simulations for tests, once per config (they are deterministic, so results are shared). */
final class Simulations {
  private Simulations() {}

  /** One finished run: the pcap bytes, the truth, and what the simulator reported. */
  record Run(SimulationConfig config, byte[] pcap, byte[] truth, SimulationResult result) {
    List<PcapReader.Packet> packets() {
      return PcapReader.read(pcap);
    }

    JsonNode truthJson() {
      try {
        return new ObjectMapper().readTree(truth);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final ConcurrentHashMap<SimulationConfig, Run> RUNS = new ConcurrentHashMap<>();

  static Run of(SimulationConfig config) {
    return RUNS.computeIfAbsent(config, Simulations::fresh);
  }

  static Run fresh(SimulationConfig config) {
    ByteArrayOutputStream pcap = new ByteArrayOutputStream();
    ByteArrayOutputStream truth = new ByteArrayOutputStream();
    try {
      SimulationResult r = new HospitalSimulator(config).run(pcap, Optional.of(truth));
      return new Run(config, pcap.toByteArray(), truth.toByteArray(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small benign hospital: every role, three minutes. */
  static final SimulationConfig BENIGN = SimulationConfig.of(150, 3, 42);

  /** The same hospital with every attack staged. */
  static final SimulationConfig ATTACKED = BENIGN.withAttacks(HospitalSimulator.attackNames());
}
