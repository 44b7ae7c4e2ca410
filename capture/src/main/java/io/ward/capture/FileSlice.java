package io.ward.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * The first {@code limit} bytes of an open capture file, read by position: a capture is analysed as
 * it was when the analysis started, even while it is still being written, and workers that each
 * read the file share one open {@link FileChannel} (positional reads are safe from several
 * threads), so they read the same file even if its name is given to another one meanwhile. Closing
 * a slice leaves the file open: its opener closes it.
 */
final class FileSlice implements ReadableByteChannel {
  private final FileChannel file;
  private final long limit;
  private long position;
  private boolean open = true;

  FileSlice(FileChannel file, long limit) {
    this.file = file;
    this.limit = limit;
  }

  /** Another reader of the same bytes, from the start. */
  FileSlice again() {
    return new FileSlice(file, limit);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    long remaining = limit - position;
    if (remaining <= 0) {
      return -1;
    }
    int n;
    if (dst.remaining() <= remaining) {
      n = file.read(dst, position);
    } else {
      ByteBuffer part = dst.slice();
      part.limit((int) remaining);
      n = file.read(part, position);
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return open && file.isOpen();
  }

  @Override
  public void close() {
    open = false;
  }
}
