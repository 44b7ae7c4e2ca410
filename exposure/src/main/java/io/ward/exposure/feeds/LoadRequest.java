package io.ward.exposure.feeds;

import io.ward.exposure.feeds.cmdb.CmdbMapping;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link KnowledgeLoader#load} reads; every part is optional.
 *
 * @param feedsDir advisories, KEV, EPSS, recalls and VEX, any layout (recursed)
 * @param sboms CycloneDX SBOMs (and VEX): files, and directories recursed, read in this order
 * @param mds2Dir MDS2 workbooks, recursed
 * @param cmdbFile a CMDB/CMMS CSV export
 * @param mapping the column mapping of {@code cmdbFile}; the ServiceNow sample when absent
 * @param validateCsaf validate CSAF documents against the schema
 * @param epssDate the date given to EPSS rows of a file without {@code score_date}
 */
public record LoadRequest(
    Optional<Path> feedsDir,
    List<Path> sboms,
    Optional<Path> mds2Dir,
    Optional<Path> cmdbFile,
    Optional<CmdbMapping> mapping,
    boolean validateCsaf,
    LocalDate epssDate) {

  public LoadRequest {
    Objects.requireNonNull(feedsDir, "feedsDir");
    sboms = List.copyOf(sboms);
    Objects.requireNonNull(mds2Dir, "mds2Dir");
    Objects.requireNonNull(cmdbFile, "cmdbFile");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(epssDate, "epssDate");
  }

  /** Nothing to read yet; EPSS rows without a date are dated {@code today}. */
  public static LoadRequest of(LocalDate today) {
    return new LoadRequest(
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true,
        today);
  }

  /** This request reading feeds from {@code dir}. */
  public LoadRequest withFeeds(Path dir) {
    return new LoadRequest(
        Optional.of(dir), sboms, mds2Dir, cmdbFile, mapping, validateCsaf, epssDate);
  }

  /**
   * This request reading SBOMs from {@code fileOrDir} too, after those it reads already: a
   * CycloneDX file, or a directory of them (recursed).
   */
  public LoadRequest withSboms(Path fileOrDir) {
    List<Path> all = new ArrayList<>(sboms);
    all.add(fileOrDir);
    return new LoadRequest(feedsDir, all, mds2Dir, cmdbFile, mapping, validateCsaf, epssDate);
  }

  /** This request reading MDS2 forms from {@code dir}. */
  public LoadRequest withMds2(Path dir) {
    return new LoadRequest(
        feedsDir, sboms, Optional.of(dir), cmdbFile, mapping, validateCsaf, epssDate);
  }

  /** This request reading a CMDB export with a mapping. */
  public LoadRequest withCmdb(Path file, CmdbMapping columns) {
    return new LoadRequest(
        feedsDir, sboms, mds2Dir, Optional.of(file), Optional.of(columns), validateCsaf, epssDate);
  }

  /** This request without its CMDB export (read apart, e.g. to refuse a bad one first). */
  public LoadRequest withoutCmdb() {
    return new LoadRequest(
        feedsDir, sboms, mds2Dir, Optional.empty(), Optional.empty(), validateCsaf, epssDate);
  }

  /** This request with CSAF schema validation on or off. */
  public LoadRequest withCsafValidation(boolean validate) {
    return new LoadRequest(feedsDir, sboms, mds2Dir, cmdbFile, mapping, validate, epssDate);
  }
}
