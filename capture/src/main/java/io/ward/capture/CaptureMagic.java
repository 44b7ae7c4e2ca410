package io.ward.capture;

/** Whether the first four bytes of a (decompressed) capture are one the capture engine reads. */
public final class CaptureMagic {
  private CaptureMagic() {}

  /** True for a pcap magic number in any byte order and resolution, or a pcapng section header. */
  public static boolean isCapture(int bigEndianMagic) {
    return bigEndianMagic == PcapngReader.SHB || PcapReader.isMagic(bigEndianMagic);
  }
}
