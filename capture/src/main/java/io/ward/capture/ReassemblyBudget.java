package io.ward.capture;

/**
 * Out-of-order TCP bytes one worker may hold over all its flows. The per-direction bound alone
 * would let many flows with holes hold flows × limit bytes; past this budget further segments are
 * not held, and the holes before them are reported as gaps.
 */
final class ReassemblyBudget {
  private final long maxBytes;
  private long usedBytes;

  ReassemblyBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Reserves {@code n} bytes; false when that would exceed the budget. */
  boolean take(int n) {
    if (usedBytes + n > maxBytes) {
      return false;
    }
    usedBytes += n;
    return true;
  }

  void release(int n) {
    usedBytes -= n;
  }

  long usedBytes() {
    return usedBytes;
  }
}
