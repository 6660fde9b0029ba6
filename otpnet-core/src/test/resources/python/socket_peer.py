#!/usr/bin/env python3
"""A real peer for the socket module's Python interop tests (dev.otpnet.socket.PythonSocketInteropTest).

Each role prints what it saw, one fact a line, and ends with "ok". Every wait has a deadline.

  udp_echo FAMILY            bind loopback, print "port N"; answer 2 datagrams with "py:" + data;
                             then read one with a 4-byte buffer and print "cut DATA"
  udp_send FAMILY PORT       send "alpha", "beta" and 9000 bytes to PORT; print the reply
  broadcast_rx               bind 0.0.0.0:0, print "port N", print the first datagram
  broadcast_tx PORT          SO_BROADCAST, send "py-bcast" to 255.255.255.255:PORT
  multicast_rx GROUP         bind 0.0.0.0:0, join GROUP on 127.0.0.1, print "port N", print a datagram
  multicast_tx GROUP PORT    send "py-mcast" to GROUP:PORT out of 127.0.0.1, loop on
  local_server PATH          AF_UNIX stream: listen on PATH, print "listening", accept, recv 5,
                             send "py:" + data, print "end" and what the next recv gets
  local_client PATH          AF_UNIX stream: connect, send "hello", recv 7
"""
import socket
import sys

T = 20


def fam(name):
    return socket.AF_INET6 if name == "inet6" else socket.AF_INET


def lo(name):
    return "::1" if name == "inet6" else "127.0.0.1"


def recv_exact(s, n):
    out = b""
    while len(out) < n:
        chunk = s.recv(n - len(out))
        if not chunk:
            break
        out += chunk
    return out


def main(role, *args):
    if role == "udp_echo":
        s = socket.socket(fam(args[0]), socket.SOCK_DGRAM)
        s.settimeout(T)
        s.bind((lo(args[0]), 0))
        print("port", s.getsockname()[1], flush=True)
        for _ in range(2):
            data, src = s.recvfrom(65535)
            print("got", len(data), "bytes", flush=True)
            s.sendto(b"py:" + data, src)
        data, src = s.recvfrom(4)
        print("cut", data.decode(), flush=True)
    elif role == "udp_send":
        s = socket.socket(fam(args[0]), socket.SOCK_DGRAM)
        s.settimeout(T)
        s.bind((lo(args[0]), 0))
        dest = (lo(args[0]), int(args[1]))
        s.sendto(b"alpha", dest)
        s.sendto(b"beta", dest)
        s.sendto(b"q" * 9000, dest)
        data, _ = s.recvfrom(65535)
        print("reply", data.decode(), flush=True)
    elif role == "broadcast_rx":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(T)
        s.bind(("0.0.0.0", 0))
        print("port", s.getsockname()[1], flush=True)
        data, _ = s.recvfrom(65535)
        print("got", data.decode(), flush=True)
    elif role == "broadcast_tx":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        s.sendto(b"py-bcast", ("255.255.255.255", int(args[0])))
        print("sent", flush=True)
    elif role == "multicast_rx":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(T)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", 0))
        mreq = socket.inet_aton(args[0]) + socket.inet_aton("127.0.0.1")
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        print("port", s.getsockname()[1], flush=True)
        data, _ = s.recvfrom(65535)
        print("got", data.decode(), flush=True)
    elif role == "multicast_tx":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
        s.sendto(b"py-mcast", (args[0], int(args[1])))
        print("sent", flush=True)
    elif role == "local_server":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(T)
        s.bind(args[0])
        s.listen(1)
        print("listening", flush=True)
        c, _ = s.accept()
        c.settimeout(T)
        data = recv_exact(c, 5)
        print("got", data.decode(), flush=True)
        c.sendall(b"py:" + data)
        print("end", repr(c.recv(10)), flush=True)
    elif role == "local_client":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(T)
        s.connect(args[0])
        s.sendall(b"hello")
        print("reply", recv_exact(s, 7).decode(), flush=True)
    else:
        raise SystemExit("unknown role " + role)
    print("ok", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
