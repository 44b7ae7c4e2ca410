/**
 * A deterministic generator of hospital network captures with ground truth.
 *
 * <p>{@link io.ward.simulate.HospitalSimulator} plans a hospital from a seed (products from the
 * device catalogue {@code device-models.json}, one /16 per zone, core systems first), then streams
 * a classic pcap in capture-time order: each device owns a few recurring scenarios (vitals over
 * HL7, images over DICOM, results over ASTM or POCT1-A, browsing, TLS, SMB, management in clear),
 * each scenario builds one short conversation at a time, and a priority queue interleaves them. The
 * ground truth is written in the inventory's JSON schema, with the staged attacks.
 */
package io.ward.simulate;
