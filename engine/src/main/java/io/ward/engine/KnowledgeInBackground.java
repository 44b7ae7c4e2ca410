package io.ward.engine;

import io.ward.inventory.KnowledgeBase;
import io.ward.inventory.KnowledgeBaseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The bundled knowledge base, loaded on a thread of its own while the first packets are decoded
 * (and, when the command line starts it, while the command line is still being read).
 *
 * <p>Why: in a fresh JVM, parsing the fingerprint files and the IEEE registry takes about a quarter
 * of a second of processor time (most of a second before the bundled files were read as JSON), all
 * of it before the first packet if done up front. A user's own knowledge directory is still loaded
 * up front by {@link Analyzer}, so that a mistake in it is reported before a long capture is read;
 * the bundled files are part of the build and tested.
 *
 * <p>Not final only so that a test can choose when the knowledge arrives.
 */
public class KnowledgeInBackground {
  private final CompletableFuture<KnowledgeBase> loading;

  private KnowledgeInBackground() {
    this(new CompletableFuture<>());
  }

  /** Knowledge that arrives when {@code loading} completes (tests choose when). */
  KnowledgeInBackground(CompletableFuture<KnowledgeBase> loading) {
    this.loading = loading;
  }

  /** Starts loading the bundled knowledge base on a daemon thread. */
  public static KnowledgeInBackground start() {
    KnowledgeInBackground k = new KnowledgeInBackground();
    Thread t =
        new Thread(
            () -> {
              try {
                k.loading.complete(KnowledgeBase.load(Optional.empty()));
              } catch (KnowledgeBaseException | RuntimeException | Error e) {
                k.loading.completeExceptionally(e);
              }
            },
            "ward-knowledge-loader");
    t.setDaemon(true);
    t.start();
    return k;
  }

  /** Already loaded knowledge, for the same interface. */
  static KnowledgeInBackground of(KnowledgeBase kb) {
    KnowledgeInBackground k = new KnowledgeInBackground();
    k.loading.complete(kb);
    return k;
  }

  /** True when {@link #get} would not wait. */
  boolean isReady() {
    return loading.isDone();
  }

  /**
   * The knowledge base, waiting for it if needed. An interrupt does not cut the wait short (the
   * analysis cannot go on without the knowledge base); it is kept for the caller to see, as {@link
   * CompletableFuture#join} does. The loader's own failure is rethrown as it was thrown.
   */
  KnowledgeBase get() throws KnowledgeBaseException {
    try {
      return loading.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof KnowledgeBaseException) {
        throw (KnowledgeBaseException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw (RuntimeException) cause;
    }
  }
}
