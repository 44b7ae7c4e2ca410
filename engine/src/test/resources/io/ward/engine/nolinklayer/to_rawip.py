"""Rewrites a Linux cooked (v1 or v2) pcap as LINKTYPE_RAW (101): the cooked header is dropped and
both the captured and the original length shrink by its size, as a capture on a tun device would be."""
import struct, sys

src, dst = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
magic = data[:4]
e = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
hdr = bytearray(data[:24])
linktype = struct.unpack(e + "I", data[20:24])[0]
skip = {113: 16, 276: 20}[linktype & 0xFFFF]
struct.pack_into(e + "I", hdr, 20, 101)
out = [bytes(hdr)]
p = 24
while p < len(data):
    sec, frac, cap, wire = struct.unpack(e + "IIII", data[p:p + 16])
    frame = data[p + 16:p + 16 + cap]
    out.append(struct.pack(e + "IIII", sec, frac, cap - skip, wire - skip) + frame[skip:])
    p += 16 + cap
open(dst, "wb").write(b"".join(out))
