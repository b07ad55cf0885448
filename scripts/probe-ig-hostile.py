#!/usr/bin/env python3
"""Hostile-input probes against a running Ingestion Gate (docs/RELIABILITY.md, "IG under hostile input").

Start a platform in an empty folder first, e.g.
    FP_HTTP_PORT=18381 java -jar target/fraud-platform.jar up --serve
then run
    scripts/probe-ig-hostile.py --port 18381
Every probe is a raw HTTP/1.1 exchange on loopback (no client library rewrites the bytes). Prints one row per
probe (expected answer, actual answer) and exits 1 if any answer differs. Standard library only.
"""
import argparse
import json
import socket
import sys
import threading
import time
import uuid

MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8"
PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7"
MARK = "HOSTILE_MARK"


def envelope(**overrides):
    e = {
        "event_id": uuid.uuid4().hex + uuid.uuid4().hex, "event_type": "s3_event_stream_with_fraud_6B",
        "ts_utc": "2026-01-01T00:00:01.000000Z", "manifest_fingerprint": MF, "parameter_hash": PH, "seed": 42,
        "scenario_id": "baseline_v1", "platform_run_id": "platform_20260210T091951Z",
        "scenario_run_id": "7e0847b8622533045c5b69bce61c88bd", "run_id": "c25a2675fbfbacd952b13bb594880e92",
        "schema_version": "v1", "producer": "svc:world_stream_producer",
        "payload": {"flow_id": int(time.time() * 1e6) % 10**9, "event_seq": 0, "event_type": "AUTH_REQUEST",
                    "ts_utc": "2026-01-01T00:00:01.000000Z", "amount": 12.5, "seed": 42, "manifest_fingerprint": MF,
                    "parameter_hash": PH, "scenario_id": "baseline_v1", "fraud_flag": False, "campaign_id": None}}
    e.update(overrides)
    return e


def raw_value(field, raw, **overrides):
    """JSON text of an envelope whose top-level field holds the raw JSON text `raw` (bytes)."""
    text = json.dumps(envelope(**{field: MARK}, **overrides), separators=(",", ":")).encode()
    return text.replace(b'"' + MARK.encode() + b'"', raw)


class Probe:
    def __init__(self, host, port, key):
        self.host, self.port, self.key = host, port, key
        self.rows = []

    def exchange(self, data, timeout=10):
        """Sends bytes; returns (status, error code or decision, closed by server)."""
        s = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may answer (413) and close before a large body is sent
        out, closed = b"", False
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                out += chunk
                if b"\r\n\r\n" in out and self._complete(out):
                    s.settimeout(1)
                    closed = s.recv(1) == b""
                    break
        except (socket.timeout, ConnectionResetError):
            closed = closed or bool(out)
        s.close()
        return self._parse(out, closed)

    @staticmethod
    def _complete(out):
        head, _, body = out.partition(b"\r\n\r\n")
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                return len(body) >= int(line.split(b":")[1])
        return False

    @staticmethod
    def _parse(out, closed):
        if not out.startswith(b"HTTP/"):
            return 0, "no answer", closed
        status = int(out[9:12])
        body = out.partition(b"\r\n\r\n")[2]
        try:
            doc = json.loads(body)
            what = doc.get("error") or doc.get("decision") or doc.get("status") or ""
            if doc.get("decision") == "QUARANTINE":
                what += " " + ",".join(doc["receipt"].get("reason_codes", []))
            if "results" in doc:
                what = "results " + ",".join(str(r.get("status")) + ":" + (r.get("error") or r.get("decision") or "")
                                             for r in doc["results"])
        except ValueError:
            what = "(empty body)" if not body else "(not JSON)"
        return status, what, closed

    def post(self, path, body, extra=b"", key=None):
        key = self.key if key is None else key
        head = (b"POST " + path.encode() + b" HTTP/1.1\r\nHost: probe\r\nConnection: close\r\nContent-Length: "
                + str(len(body)).encode() + b"\r\n" + (b"X-IG-Api-Key: " + key.encode() + b"\r\n" if key else b""))
        return self.exchange(head + extra + b"\r\n" + body)

    def get(self, target, extra=b""):
        return self.exchange(b"GET " + target.encode() + b" HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n"
                             b"X-IG-Api-Key: " + self.key.encode() + b"\r\n" + extra + b"\r\n")

    def check(self, name, got, status, what=None, closed=None):
        ok = got[0] == status and (what is None or got[1].startswith(what)) and (closed is None or got[2] == closed)
        expected = str(status) + (" " + what if what else "") + (" +close" if closed else "")
        actual = str(got[0]) + " " + got[1] + (" +close" if got[2] and closed else "")
        self.rows.append((name, expected, actual, ok))

    def push(self, body):
        return self.post("/v1/ingest/push", body)


def run(p, slow_bound_s):
    push = "/v1/ingest/push"
    admit = lambda: p.push(json.dumps(envelope()).encode())
    # 1. lone surrogates, U+0000, infinite numbers
    p.check("lone surrogate in event_id", p.push(raw_value("event_id", b'"ab\\ud800cd"')), 400, "INVALID_UNICODE")
    p.check("a push right after it", admit(), 200, "ADMIT")
    p.check("lone surrogate in trace_id", p.push(raw_value("trace_id", b'"t\\udc00"')), 400, "INVALID_UNICODE")
    p.check("lone surrogate in a payload key", p.push(raw_value("payload", b'{"k\\udfff":1}')), 400, "INVALID_UNICODE")
    p.check("U+0000 in event_id", p.push(raw_value("event_id", b'"a\\u0000b"')), 400, "INVALID_UNICODE")
    batch = b"[" + json.dumps(envelope()).encode() + b"," + raw_value("event_id", b'"x\\ud800"') + b"," \
        + json.dumps(envelope()).encode() + b"]"
    p.check("batch: good, lone surrogate, good", p.post("/v1/ingest/batch", batch), 200,
            "results 200:ADMIT,400:INVALID_UNICODE,200:ADMIT")
    # 2. malformed UTF-8
    for name, bad in [("overlong C0 AF", b"\xc0\xaf"), ("truncated E2 82", b"\xe2\x82"),
                      ("UTF-8-encoded surrogate ED A0 80", b"\xed\xa0\x80"), ("above U+10FFFF F4 90 80 80", b"\xf4\x90\x80\x80")]:
        p.check(name + " in event_id", p.push(raw_value("event_id", b'"ab' + bad + b'cd"')), 400, "BODY_NOT_UTF8")
    # 3. malformed requests
    p.check("lookup ?event_id=%zz", p.get("/v1/ops/lookup?event_id=%zz"), 400, "BAD_QUERY_ENCODING")
    p.check("lookup ?event_id=%C0%AF", p.get("/v1/ops/lookup?event_id=%C0%AF"), 400, "BAD_QUERY_ENCODING")
    p.check("path /v1/ops/runs/%zz", p.get("/v1/ops/runs/%zz"), 400, "BAD_PATH_ENCODING")
    p.check("HTTP/1.1 without Host", p.exchange(b"GET /v1/ops/health HTTP/1.1\r\nX-IG-Api-Key: " + p.key.encode()
                                                + b"\r\nConnection: close\r\n\r\n"), 400, "HOST_HEADER_MISSING")
    p.check("20 KB header", p.get("/livez", b"X-Big: " + b"a" * 20000 + b"\r\n"), 431)
    p.check("10 KB URI", p.get("/livez?" + "a" * 10000), 414)
    p.check("unknown method BREW", p.exchange(b"BREW /v1/ingest/push HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n"),
            404, "NOT_FOUND")
    p.check("GET on the push route", p.get(push), 404, "NOT_FOUND")
    p.check("garbage request line", p.exchange(b"\x00\x01 garbage\r\n\r\n"), 400)
    p.check("two Content-Length", p.exchange(b"POST /v1/ingest/push HTTP/1.1\r\nHost: p\r\nContent-Length: 2\r\n"
                                             b"Content-Length: 3\r\n\r\n{} "), 400)
    p.check("Content-Length: abc", p.exchange(b"POST /v1/ingest/push HTTP/1.1\r\nHost: p\r\nContent-Length: abc\r\n"
                                              b"Connection: close\r\n\r\n{}"), 400)
    p.check("no API key", p.post(push, b"{}", key=""), 401, "UNAUTHORIZED")
    # 4. Transfer-Encoding
    body = json.dumps(envelope()).encode()
    chunked = hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    p.check("TE xchunked + Content-Length", p.post(push, body, b"Transfer-Encoding: xchunked\r\n"), 501,
            "TRANSFER_ENCODING_UNSUPPORTED", True)
    p.check("TE gzip, chunked", p.exchange(b"POST /v1/ingest/push HTTP/1.1\r\nHost: p\r\nX-IG-Api-Key: " + p.key.encode()
                                           + b"\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" + chunked), 501,
            "TRANSFER_ENCODING_UNSUPPORTED", True)
    p.check("TE chunked + CL (read as chunked)", p.exchange(
        b"POST /v1/ingest/push HTTP/1.1\r\nHost: p\r\nX-IG-Api-Key: " + p.key.encode()
        + b"\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + chunked), 200, "ADMIT", True)
    p.check("Content-Encoding: gzip", p.post(push, b"\x1f\x8b\x08\x00", b"Content-Encoding: gzip\r\n"), 415,
            "CONTENT_ENCODING_UNSUPPORTED")
    p.check("gzip bytes without Content-Encoding", p.push(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"), 400,
            "BODY_NOT_UTF8")
    # 6. timestamps
    for name, ts in [("second 60", "2026-01-01T23:59:60.000000Z"), ("year 0000", "0000-01-01T00:00:01.000000Z"),
                     ("month 13", "2026-13-01T00:00:01.000000Z"), ("Feb 30", "2026-02-30T00:00:01.000000Z"),
                     ("hour 24", "2026-01-01T24:00:00.000000Z"), ("day 00", "2026-01-00T00:00:01.000000Z")]:
        p.check("ts_utc " + name, p.push(json.dumps(envelope(ts_utc=ts)).encode()), 200, "QUARANTINE ENVELOPE_INVALID")
    bad_payload = envelope()
    bad_payload["payload"]["ts_utc"] = "2026-02-30T00:00:01.000000Z"
    p.check("payload ts_utc Feb 30", p.push(json.dumps(bad_payload).encode()), 200, "QUARANTINE SCHEMA_FAIL")
    # other JSON
    deep = envelope()
    deep["payload"] = json.loads("{\"n\":" * 40 + "1" + "}" * 40)
    p.check("40 levels of nesting", p.push(json.dumps(deep).encode()), 400, "JSON_TOO_DEEP")
    p.check("[ x 100000", p.push(b"[" * 100000), 400, "JSON_TOO_DEEP")
    p.check("number 1e999", p.push(raw_value("payload", b'{"amount":1e999}')), 400, "NUMBER_OUT_OF_RANGE")
    p.check("2000-digit integer", p.push(raw_value("seed", b"1" * 2000)), 400, "NUMBER_TOO_LONG")
    p.check("seed 2^64 (out of range)", p.push(raw_value("seed", b"18446744073709551616")), 200,
            "QUARANTINE ENVELOPE_INVALID")
    p.check("duplicate key", p.push(b'{"event_id":"a","event_id":"b"}'), 400, "DUPLICATE_KEY")
    p.check("NaN token", p.push(raw_value("seed", b"NaN")), 400, "BODY_NOT_JSON")
    p.check("Infinity token", p.push(raw_value("seed", b"Infinity")), 400, "BODY_NOT_JSON")
    p.check("UTF-8 BOM", p.push(b"\xef\xbb\xbf" + json.dumps(envelope()).encode()), 400, "BODY_NOT_JSON")
    p.check("UTF-16 body", p.push(json.dumps(envelope()).encode("utf-16-be")), 400, "BODY_NOT_JSON")
    p.check("empty body", p.push(b""), 400, "BODY_NOT_JSON")
    p.check("array to push", p.push(b"[]"), 400, "NOT_AN_OBJECT")
    p.check("empty batch", p.post("/v1/ingest/batch", b"[]"), 200, "results ")
    p.check("batch of 1001", p.post("/v1/ingest/batch", b"[" + b",".join([b"{}"] * 1001) + b"]"), 413,
            "BATCH_TOO_LARGE")
    p.check("5 MB body", p.push(b'{"x":"' + b"a" * (5 << 20) + b'"}'), 413, "BODY_TOO_LARGE")
    # 5. slow clients
    p.check("200 connections dribbling headers", slow_headers(p, 200, slow_bound_s), 0, "all closed")
    p.check("a push after all of it", admit(), 200, "ADMIT")
    p.check("/readyz after all of it", p.get("/readyz"), 200, "ready")


def slow_headers(p, n, bound_s):
    socks = []
    for _ in range(n):
        s = socket.create_connection((p.host, p.port), timeout=5)
        s.sendall(b"POST /v1/ingest/push HTTP/1.1\r\nHost: p\r\n")
        s.setblocking(False)
        socks.append(s)
    start, open_ = time.time(), list(socks)
    while open_ and time.time() - start < bound_s:
        still = []
        for s in open_:
            try:
                s.send(b"X")
                if s.recv(4096) == b"":
                    continue
            except BlockingIOError:
                pass
            except OSError:
                continue
            still.append(s)
        open_ = still
        time.sleep(0.5)
    for s in socks:
        s.close()
    took = time.time() - start
    return (0, "all closed in %.1f s" % took, False) if not open_ else (0, "%d still open after %.0f s" % (len(open_), took), False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8081)
    ap.add_argument("--key", default="local-parity-wsp", help="a key allowed to push traffic_fraud")
    ap.add_argument("--slow-bound", type=float, default=15.0,
                    help="seconds within which dribbling connections must be closed (header_read_timeout + slack)")
    args = ap.parse_args()
    p = Probe(args.host, args.port, args.key)
    run(p, args.slow_bound)
    width = max(len(r[0]) for r in p.rows)
    for name, expected, actual, ok in p.rows:
        print("%-4s %-*s  expected %-45s got %s" % ("ok" if ok else "FAIL", width, name, expected, actual))
    failed = [r for r in p.rows if not r[3]]
    print("%d probes, %d as expected, %d not" % (len(p.rows), len(p.rows) - len(failed), len(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
