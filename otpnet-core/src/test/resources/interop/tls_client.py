"""A Python ssl client for otpnet's interop tests.

Prints one JSON object: {"ok": true, "version": ..., "cipher": ..., "alpn": ..., "reply": ...}
or {"ok": false, "error": ..., "reason": ...}. With --truncate it sends the message and closes
the TCP connection without a close_notify.
"""
import argparse
import json
import socket
import ssl
import sys

p = argparse.ArgumentParser()
p.add_argument("port", type=int)
p.add_argument("--host", default="localhost")
p.add_argument("--ca")
p.add_argument("--cert")
p.add_argument("--key")
p.add_argument("--version", choices=["1.2", "1.3"])
p.add_argument("--alpn", action="append")
p.add_argument("--message", default="hello from python")
p.add_argument("--truncate", action="store_true")
a = p.parse_args()

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.load_verify_locations(a.ca)
if a.cert:
    ctx.load_cert_chain(a.cert, a.key)
if a.version:
    v = ssl.TLSVersion.TLSv1_3 if a.version == "1.3" else ssl.TLSVersion.TLSv1_2
    ctx.minimum_version = v
    ctx.maximum_version = v
if a.alpn:
    ctx.set_alpn_protocols(a.alpn)

raw = socket.create_connection(("127.0.0.1", a.port), timeout=10)
try:
    s = ctx.wrap_socket(raw, server_hostname=a.host)
    s.sendall(a.message.encode())
    reply = s.recv(65536).decode()
    if a.truncate:
        s.close()  # Python's close sends no close_notify
        print(json.dumps({"ok": True, "truncated": True, "reply": reply}))
        sys.exit(0)
    out = {"ok": True, "version": s.version(), "cipher": s.cipher()[0], "alpn": s.selected_alpn_protocol(),
           "reply": reply}
    s.unwrap()
    print(json.dumps(out))
except ssl.SSLError as e:
    print(json.dumps({"ok": False, "error": str(e), "reason": e.reason}))
except OSError as e:
    print(json.dumps({"ok": False, "error": str(e), "reason": type(e).__name__}))
