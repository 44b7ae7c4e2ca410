package io.ward.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Counts the bytes read from the source as stored, for progress reports. */
final class CountingChannel implements ReadableByteChannel {
  private final ReadableByteChannel delegate;
  private volatile long count;

  CountingChannel(ReadableByteChannel delegate) {
    this.delegate = delegate;
  }

  long count() {
    return count;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = delegate.read(dst);
    if (n > 0) {
      count += n;
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
