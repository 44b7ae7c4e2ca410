package io.ward.exposure.feeds;

import io.ward.exposure.feeds.cyclonedx.PendingVex;
import io.ward.model.exposure.VexStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The VEX statements of the documents one load read (CSAF VEX documents and CycloneDX VEX), held by
 * document: a document read twice is held once, as the copy {@link NewestRevisions} chose; one
 * without an id (a CycloneDX VEX without {@code serialNumber}) is held each time it is read.
 *
 * <p>They are listed document by document in the order the files were read ({@link KnowledgeLoader}
 * walks each folder in sorted order, one folder after the other), the copy used at the place of its
 * own file, whatever the kind of document. The order matters: of two statements that rule one
 * finding out, the reason names the first ({@code ExposureAnalyzer.applyVex}). A CycloneDX
 * document's statements keep the document's order, those it makes at once before those that waited
 * for the SBOM their BOM-link names. One per collector, not thread-safe.
 */
final class VexDocuments {

  /**
   * One document's statements.
   *
   * @param read the place of its file in the order of reading
   * @param file its file
   * @param made the statements made as it was read
   * @param pending the CycloneDX statements waiting for the SBOMs of the load ({@link
   *     PendingVex#resolve})
   */
  record Document(int read, String file, List<VexStatement> made, List<PendingVex> pending) {

    Document {
      Objects.requireNonNull(file, "file");
      made = List.copyOf(made);
      pending = List.copyOf(pending);
    }

    /** This document, as read {@code files} files later (by a collector that read them first). */
    Document after(int files) {
      return new Document(read + files, file, made, pending);
    }
  }

  /** By document key ({@link NewestRevisions.Copy#key}), or by file and place for one without. */
  private final Map<String, Document> documents = new LinkedHashMap<>();

  /** Holds {@code document} as the one of {@code key}, replacing a copy held before. */
  void put(String key, Document document) {
    documents.put(key, document);
  }

  /** Holds a document without id: it is no copy of another. */
  void putUnnamed(Document document) {
    documents.put("file:" + document.file() + "#" + document.read(), document);
  }

  /** No longer holds the document of {@code key} (a newer copy has no statements). */
  void remove(String key) {
    documents.remove(key);
  }

  /** The documents by key; unnamed ones under a key of their own. */
  Map<String, Document> byKey() {
    return Collections.unmodifiableMap(documents);
  }

  /** The documents in the order their files were read. */
  List<Document> inReadingOrder() {
    List<Document> out = new ArrayList<>(documents.values());
    out.sort(Comparator.comparingInt(Document::read));
    return out;
  }
}
