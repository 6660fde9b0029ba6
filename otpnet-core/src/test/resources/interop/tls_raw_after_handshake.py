#!/usr/bin/env python3
"""A TLS client (OpenSSL, through Python's ssl module) that completes a handshake over a plain
socket it drives itself, then writes raw bytes on that socket under the TLS layer, and reports
as JSON what the server answered: the alert OpenSSL decoded, or how the connection ended.

usage: tls_raw_after_handshake.py PORT --ca CA --version 1.2|1.3 --raw HEX
"""
import argparse
import json
import socket
import ssl

p = argparse.ArgumentParser()
p.add_argument("port", type=int)
p.add_argument("--ca", required=True)
p.add_argument("--version", default="1.3")
p.add_argument("--raw", required=True)
a = p.parse_args()

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.load_verify_locations(a.ca)
v = ssl.TLSVersion.TLSv1_3 if a.version == "1.3" else ssl.TLSVersion.TLSv1_2
ctx.minimum_version = v
ctx.maximum_version = v
incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
obj = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
sock = socket.create_connection(("127.0.0.1", a.port), timeout=20)


def flush():
    data = outgoing.read()
    if data:
        sock.sendall(data)


def pump():
    data = sock.recv(65536)
    if not data:
        incoming.write_eof()
    else:
        incoming.write(data)
    return data


while True:
    try:
        obj.do_handshake()
        flush()
        break
    except ssl.SSLWantReadError:
        flush()
        pump()

# a round trip, so a TLS 1.3 server has read our Finished before the raw bytes arrive
obj.write(b"ping\n")
flush()
result = {"protocol": obj.version()}
got = b""
while b"ping" not in got:
    try:
        got += obj.read(100)
    except ssl.SSLWantReadError:
        pump()
sock.sendall(bytes.fromhex(a.raw))
try:
    while True:
        try:
            data = obj.read(100)
            if not data:
                result["end"] = "close_notify"
                break
        except ssl.SSLWantReadError:
            if not pump():
                result["end"] = "eof"
                break
except ssl.SSLError as e:
    result["end"] = "alert"
    result["error"] = e.reason or str(e)
except OSError as e:
    result["end"] = "reset"
    result["error"] = str(e)
print(json.dumps(result), flush=True)
