package io.ward.server.security;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A counter of changes to who may do what (a token revoked, a user's role changed, a user
 * disabled). What was verified under an older count is verified again, so a change takes effect on
 * the very next request.
 */
@Component
public class SecurityChanges {
  private final AtomicLong count = new AtomicLong();

  /** The current count. */
  long current() {
    return count.get();
  }

  /**
   * Records a change: now, and again when the caller's transaction commits, so that a request which
   * read the old rows between the two cannot keep them.
   */
  public void changed() {
    count.incrementAndGet();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              count.incrementAndGet();
            }
          });
    }
  }
}
