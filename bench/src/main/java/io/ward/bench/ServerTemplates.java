package io.ward.bench;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.engine.AnalysisOptions;
import io.ward.engine.AnalysisResult;
import io.ward.engine.Analyzer;
import io.ward.inventory.KnowledgeBaseException;
import io.ward.model.Device;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Device templates from Ward's own pipeline: a simulated hospital capture, analysed by the same
 * {@link Analyzer} that {@code ward analyze} runs. The fleet copies them, so vendors, models,
 * categories, protocols and evidence in the loaded database are what Ward really stores, in the
 * proportions of the simulated hospital.
 */
final class ServerTemplates {

  /** Enough devices for every model of the simulator's catalogue to appear several times. */
  static final int DEVICES = 800;

  /** Long enough for DHCP, DICOM, HL7 and the other identifying exchanges to happen. */
  static final int MINUTES = 8;

  private ServerTemplates() {}

  /**
   * Simulates and analyses a capture in {@code dir}; returns the devices that have a MAC address
   * (the hospital's own devices; internet servers are left out).
   */
  static List<ServerTemplate> make(Path dir, long seed)
      throws IOException, KnowledgeBaseException, BenchmarkException {
    Files.createDirectories(dir);
    Path pcap = dir.resolve("templates.pcap");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 20)) {
      new HospitalSimulator(SimulationConfig.of(DEVICES, MINUTES, seed)).run(out, Optional.empty());
    }
    AnalysisResult result =
        new Analyzer(AnalysisOptions.defaults())
            .analyze(List.of(CaptureSource.ofPath(pcap)), ProgressListener.NONE);
    Files.delete(pcap);
    List<ServerTemplate> templates = new ArrayList<>();
    for (Device d : result.devices()) {
      if (d.mac().isPresent()) {
        templates.add(of(d));
      }
    }
    if (templates.isEmpty()) {
      throw new BenchmarkException("the template capture gave no device with a MAC address");
    }
    return List.copyOf(templates);
  }

  private static ServerTemplate of(Device d) {
    List<ServerTemplate.Evidence> evidence =
        d.evidence().stream()
            .map(
                e ->
                    new ServerTemplate.Evidence(
                        e.attribute(),
                        e.value(),
                        e.source(),
                        e.observed(),
                        e.fingerprint(),
                        e.confidence()))
            .toList();
    return new ServerTemplate(
        d.mac().orElseThrow().toString(),
        d.ips().stream().map(Object::toString).toList(),
        d.hostnames(),
        d.vlans().stream().mapToInt(Integer::intValue).min().orElse(0),
        d.vendor().orElse(""),
        d.model().orElse(""),
        d.os().orElse(""),
        d.firmware().orElse(""),
        d.serial().orElse(""),
        d.category().id(),
        d.modality().orElse(""),
        d.medical(),
        d.criticality().id(),
        d.criticality().ordinal(),
        List.copyOf(new TreeSet<>(d.protocolsAsClient())),
        List.copyOf(new TreeSet<>(d.protocolsAsServer())),
        List.copyOf(new TreeSet<>(d.aeTitles())),
        List.copyOf(new TreeSet<>(d.hl7Applications())),
        evidence);
  }
}
