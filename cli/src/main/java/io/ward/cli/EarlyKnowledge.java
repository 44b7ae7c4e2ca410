package io.ward.cli;

import io.ward.engine.KnowledgeInBackground;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts loading the bundled knowledge base for {@code ward analyze} before picocli reads the
 * command line, so that the two overlap.
 *
 * <p>Why: building the command's model by reflection takes 0.05–0.1 s of the main thread (by the
 * machine) while the other processor is mostly idle; the knowledge base then loaded during the
 * first packets instead, competing with the JIT compiler for that processor while the main thread
 * ran interpreted. Not started when the command line names a knowledge directory ({@code
 * --knowledge}), which the analyzer loads itself, with the bundled files, so that its mistakes are
 * reported before reading.
 */
final class EarlyKnowledge {
  private static final AtomicReference<KnowledgeInBackground> STARTED = new AtomicReference<>();

  private EarlyKnowledge() {}

  /** Starts the load when {@code args} run an analysis with the bundled knowledge alone. */
  static void startFor(String[] args) {
    if (args.length == 0 || !args[0].equals("analyze")) {
      return;
    }
    for (String a : args) {
      if (a.startsWith("--knowledge")) {
        return;
      }
      if (a.equals("--")) {
        break; // only captures follow
      }
    }
    STARTED.set(KnowledgeInBackground.start());
  }

  /** The load started for this process, once; empty when none was or it was taken. */
  static Optional<KnowledgeInBackground> take() {
    return Optional.ofNullable(STARTED.getAndSet(null));
  }
}
