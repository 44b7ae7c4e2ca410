package io.ward.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The first {@code limit} bytes of a channel: workers that each read a capture file see the same
 * bytes even when the file grows meanwhile (a capture still being written).
 */
final class PrefixChannel implements ReadableByteChannel {
  private final ReadableByteChannel delegate;
  private long remaining;

  PrefixChannel(ReadableByteChannel delegate, long limit) {
    this.delegate = delegate;
    this.remaining = limit;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int room = dst.remaining();
    if (room <= remaining) {
      int n = delegate.read(dst);
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
    ByteBuffer part = dst.slice();
    part.limit((int) remaining);
    int n = delegate.read(part);
    if (n > 0) {
      dst.position(dst.position() + n);
      remaining -= n;
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
