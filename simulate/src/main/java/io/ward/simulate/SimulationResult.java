package io.ward.simulate;

/**
 * What a simulation wrote.
 *
 * @param packets frames written to the pcap
 * @param bytes frame bytes written (without pcap record headers)
 * @param devices devices in the ground truth
 * @param firstEpochNanos capture time of the first frame
 * @param lastEpochNanos capture time of the last frame
 */
public record SimulationResult(
    long packets, long bytes, int devices, long firstEpochNanos, long lastEpochNanos) {}
