package io.ward.exposure.feeds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which copy of a document read more than once (the same source and id, in two folders or twice in
 * one tree) is used: the newest revision ({@link DocumentRevision#isNewerThan}), else the copy read
 * first. Each time a copy meets another, a warning on the file read second names both files and
 * says which one is used. One per load, not thread-safe.
 */
final class NewestRevisions {

  /**
   * One copy of a document.
   *
   * @param key what makes two copies the same document: the source and the id
   * @param id the document id, for messages
   * @param revision the revision it holds
   * @param file the file it was read from
   */
  record Copy(String key, String id, DocumentRevision revision, String file) {
    Copy {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(file, "file");
    }
  }

  private final Map<String, Copy> used = new LinkedHashMap<>();

  /**
   * True when {@code copy} is to be used: the first of its document, or newer than the one used so
   * far (which it then replaces). A copy that meets an earlier one adds a warning to {@code
   * problems}.
   */
  boolean offer(Copy copy, List<FeedProblem> problems) {
    Copy earlier = used.get(copy.key());
    if (earlier == null) {
      used.put(copy.key(), copy);
      return true;
    }
    boolean newer = copy.revision().isNewerThan(earlier.revision());
    if (newer) {
      used.put(copy.key(), copy);
    }
    problems.add(
        new FeedProblem(
            copy.file(),
            FeedProblem.Severity.WARNING,
            Optional.empty(),
            message(copy, earlier, newer)));
    return newer;
  }

  /** The copy used of a document, if one was offered. */
  Optional<Copy> used(String key) {
    return Optional.ofNullable(used.get(key));
  }

  /** The copies used, one per document. */
  List<Copy> used() {
    return List.copyOf(used.values());
  }

  /**
   * The warning on {@code copy} met with {@code earlier}: which one is used, {@code copy} when
   * {@code newer}.
   */
  static String message(Copy copy, Copy earlier, boolean newer) {
    String here = copy.id() + " here (" + copy.revision().text() + ")";
    String there = "the copy in " + earlier.file() + " (" + earlier.revision().text() + ")";
    if (newer) {
      return here + " supersedes " + there + ": this one is used";
    }
    if (earlier.revision().isNewerThan(copy.revision())) {
      return here + " is superseded by " + there + ": that one is used";
    }
    return here + " is the same revision as " + there + ", read first: that one is used";
  }
}
