"""Joins tun device NAME in netns A with tun NAME in netns B: a point-to-point link with no layer 2."""
import ctypes, fcntl, os, select, struct, sys

libc = ctypes.CDLL("libc.so.6", use_errno=True)
CLONE_NEWNET = 0x40000000

def open_tun(ns, name):
    fd = os.open(f"/run/netns/{ns}", os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns")
    os.close(fd)
    t = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(t, 0x400454CA, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))
    return t

a = open_tun(sys.argv[1], sys.argv[3])
b = open_tun(sys.argv[2], sys.argv[3])
peer = {a: b, b: a}
while True:
    for fd in select.select([a, b], [], [])[0]:
        os.write(peer[fd], os.read(fd, 65535))
