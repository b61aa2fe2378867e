#!/usr/bin/env python3
"""cimomd - the cimtui test CIM server (CIM-XML over HTTP, stdlib only).

    python3 tests/server/cimomd.py [--port N] [switches]   (see README.md)

Prints "listening http://127.0.0.1:PORT" as its first stdout line, serves
POST /cimom from the fixture repository, and exits after --lifetime
seconds or on SIGTERM/SIGINT.  This file is the HTTP side only: switches,
quirks that live on the wire (headers, status codes, chunking, 400 traps),
hostile replies, stalls and delays.  Repository and CIM-XML codec are in
repository.py and cimxml.py.
"""

import argparse
import base64
import os
import random
import select
import signal
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cimxml                      # noqa: E402
from repository import CIMError, CODE_NAMES, Repository, InstancePath   # noqa: E402

CHUNK = 64 * 1024          # write granularity of streamed bodies
PREBUFFER = 1024 * 1024    # bodies up to this size get a Content-Length
HOSTILE_OPS = {'enumerateinstances', 'getinstance', 'openenumerateinstances'}
HOSTILE_KINDS = ('malformed', 'truncated', 'entity-bomb', 'external-entity',
                 'escape-sequences', 'huge-value', 'deep-nesting', 'wrong-content-type',
                 'http-500', 'garbage', 'empty', 'slow-headers')
QUIRKS = ('sfcb-1.3', 'sfcb-1.4', 'pegasus')


class Stalled(Exception):
    """Raised after a deliberate hang so the request is abandoned."""


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False      # never wait for stalled handlers at exit
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients vanishing mid-response is the normal case in cancel and
        # hostile tests; keep stderr quiet unless something real breaks.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, ssl.SSLError, socket.timeout, Stalled, OSError)):
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'cimomd'
    timeout = 300

    # ------------------------------------------------------------ plumbing
    def setup(self):
        cfg = self.server.cfg
        if cfg.tls_ctx is not None:
            # Handshake here, in the connection's thread, so a client that
            # never speaks TLS cannot block the accept loop.
            self.request.settimeout(10)
            self.request = cfg.tls_ctx.wrap_socket(self.request, server_side=True)
            self.request.settimeout(None)
        super().setup()

    def log_message(self, fmt, *args):
        pass

    def raw(self, data):
        self.wfile.write(data)

    def head(self, status, reason, headers):
        self.raw(('HTTP/1.1 %d %s\r\n%s\r\n' % (status, reason, ''.join(
            '%s: %s\r\n' % h for h in headers))).encode('latin-1'))

    def hang(self):
        """Hold the socket open, sending nothing, until the client goes
        away or the server's lifetime ends."""
        stop = self.server.cfg.stop
        sock = self.connection
        while not stop.is_set():
            try:
                r, _, _ = select.select([sock], [], [], 0.2)
                if r and not sock.recv(4096):
                    break
            except (OSError, ValueError):
                break
        self.close_connection = True
        raise Stalled()

    def authorized(self):
        cfg = self.server.cfg
        if not cfg.auth:
            return True
        h = self.headers.get('Authorization', '')
        if not h.lower().startswith('basic '):
            return False
        try:
            return base64.b64decode(h[6:].strip()).decode('utf-8') == cfg.auth
        except (ValueError, UnicodeDecodeError):
            return False

    def send_401(self):
        hdrs = [('WWW-Authenticate', 'Basic realm="cimom"')]
        if self.server.cfg.quirks.startswith('sfcb'):
            hdrs.append(('Server', 'sfcHttpd'))
        self.head(401, 'Unauthorized', hdrs + [('Content-Length', '0')])

    def handle_expect_100(self):
        # Refuse before the body is sent when credentials are wrong, the
        # way a careful server does; otherwise the usual 100 Continue.
        if not self.authorized():
            self.log('HTTP401', '-', '-')
            self.send_401()
            self.close_connection = True
            return False
        return super().handle_expect_100()

    def read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return b''.join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        n = int(self.headers.get('Content-Length', '0').strip() or 0)
        if n > 64 * 1024 * 1024:
            raise ValueError('request too large')
        return self.rfile.read(n)

    def log(self, op, ns, cls):
        self.server.cfg.log_line('%s %s %s' % (op or '-', ns or '-', cls or '-'))

    # ------------------------------------------------------------- entry
    def do_GET(self):
        body = b'cimomd: POST CIM-XML to /cimom\n'
        self.head(405, 'Method Not Allowed', [('Allow', 'POST'), ('Content-Type', 'text/plain'),
                                              ('Content-Length', str(len(body)))])
        self.raw(body)

    def do_POST(self):
        cfg = self.server.cfg
        try:
            body = self.read_body()
        except ValueError:
            self.head(413, 'Request Entity Too Large', [('Content-Length', '0')])
            self.close_connection = True
            return
        if not self.authorized():
            self.log('HTTP401', '-', '-')
            self.send_401()
            return
        if not self.path.startswith('/cimom'):
            self.head(404, 'Not Found', [('Content-Length', '0')])
            return
        try:
            req = cimxml.parse_request(body)
        except cimxml.BadRequest as e:
            self.log('BADREQUEST', '-', e.cimerror)
            return self.bad_request(e, body)
        problem = self.check_headers(req)
        if problem:
            self.log('BADHEADER', req.namespace, problem[0])
            return self.reject(*problem)
        try:
            self.serve(req)
        except Stalled:
            pass

    # ------------------------------------------------------ header checks
    def check_headers(self, req):
        """None, or (cimerror, detail) like OpenPegasus' checks."""
        cfg = self.server.cfg
        if cfg.quirks.startswith('sfcb'):
            return None          # SFCB: the body wins, headers are ignored
        op = self.headers.get('CIMOperation')
        if op is None:
            return ('missing-cimoperation', 'CIMOperation header is missing')
        if op.strip().lower() != 'methodcall':
            return ('request-not-valid', 'CIMOperation value "%s" is not MethodCall' % op)
        meth = self.headers.get('CIMMethod')
        meth = urllib.parse.unquote(meth.strip()) if meth is not None else None
        if meth != req.name:
            return ('header-mismatch', 'CIMMethod value "%s" does not match CIM request '
                    'method "%s".' % (meth, req.name))
        obj = self.headers.get('CIMObject')
        if obj is None:
            return ('header-mismatch', 'CIMObject header is missing')
        obj = urllib.parse.unquote(obj.strip())
        want_ns = req.namespace.strip('/').lower()
        if not req.extrinsic:
            if obj.strip('/').lower() != want_ns:
                return ('header-mismatch', 'CIMObject value "%s" does not match namespace "%s".'
                        % (obj, req.namespace))
        else:
            ns, _, rest = obj.partition(':')
            cls = rest.split('.', 1)[0]
            tcls = req.target.classname if isinstance(req.target, InstancePath) else req.target
            if ns.strip('/').lower() != want_ns or cls.lower() != str(tcls).lower():
                return ('header-mismatch', 'CIMObject value "%s" does not match the request '
                        'object path.' % obj)
        return None

    def reject(self, cimerror, detail):
        cfg = self.server.cfg
        if cfg.quirks == 'pegasus':
            # The OpenPegasus "400 trap": no Content-Length, connection kept
            # open, so a client without a deadline waits forever.
            if cimerror == 'missing-cimoperation':
                self.raw(b'HTTP/1.1 400 Bad Request\r\n\r\n')
            else:
                self.head(400, 'Bad Request', [('CIMError', cimerror),
                                               ('PGErrorDetail', urllib.parse.quote(detail))])
            return
        if cimerror == 'missing-cimoperation':
            cimerror = 'request-not-valid'
        status = 501 if cimerror.startswith(('unsupported', 'multiple')) else 400
        self.head(status, 'Bad Request' if status == 400 else 'Not Implemented', [
            ('CIMError', cimerror), ('PGErrorDetail', urllib.parse.quote(detail)),
            ('Content-Length', '0')])

    def bad_request(self, e, body):
        cfg = self.server.cfg
        if cfg.quirks.startswith('sfcb'):
            # SFCB answers unparsable bodies with HTTP 200 + ERROR 1.
            import re
            m = re.search(rb'<MESSAGE[^>]*ID="([^"]*)"', body)
            req = cimxml.Request()
            req.msgid = m.group(1).decode('utf-8', 'replace') if m else '1'
            req.name = self.headers.get('CIMMethod', 'Unknown')
            text = 'invalid imethodcall XML' if cfg.quirks == 'sfcb-1.3' \
                else 'invalid imethodcall payload'
            err = cimxml.fixed(1, text)
            gen = cimxml.envelope(req.msgid, req.name, [cfg.dispatcher.r.error(err, req.name)])
            return self.send_stream(gen, err, req)
        self.reject(e.cimerror, e.detail)

    # ----------------------------------------------------------- serving
    def serve(self, req):
        cfg = self.server.cfg
        if cfg.hostile and req.name.lower() in HOSTILE_OPS and not req.extrinsic:
            self.log(req.name, req.namespace, req.log_class)
            return self.hostile(cfg.hostile, req)
        gen, err = cfg.dispatcher.run(req)      # validation (and log_class) happen here
        self.log(req.name, req.namespace, req.log_class)
        self.send_stream(gen, err, req)

    def base_headers(self):
        q = self.server.cfg.quirks
        if q == 'pegasus':
            return [('Content-Type', 'application/xml; charset=utf-8')]
        h = [('Content-Type', 'application/xml; charset="utf-8"')]
        if q.startswith('sfcb'):
            h.append(('Cache-Control', 'no-cache'))
        return h

    def length_header(self, n):
        if self.server.cfg.quirks == 'pegasus':
            return ('content-length', '%010d' % n)
        return ('Content-Length', str(n))

    @staticmethod
    def chunks(gen):
        """Group str pieces into ~64 KiB UTF-8 blocks."""
        buf, size = [], 0
        for piece in gen:
            buf.append(piece)
            size += len(piece)
            if size >= CHUNK:
                yield ''.join(buf).encode('utf-8')
                buf, size = [], 0
        if buf:
            yield ''.join(buf).encode('utf-8')

    def send_stream(self, gen, err, req):
        cfg = self.server.cfg
        te = self.headers.get('TE', '').lower()
        trailers = 'trailers' in te
        http11 = self.request_version == 'HTTP/1.1'
        forced = http11 and (cfg.chunked or (cfg.quirks.startswith('sfcb') and trailers
                                             and err is None))
        if cfg.delay_ms:
            time.sleep(cfg.delay_ms / 1000.0)
        blocks = self.chunks(gen)
        limit = cfg.max_msg_len or (0 if (cfg.delay_ms or forced) else PREBUFFER)
        buf, total, done = [], 0, False
        while True:
            try:
                b = next(blocks)
            except StopIteration:
                done = True
                break
            buf.append(b)
            total += len(b)
            if total > limit or forced:
                break
        if done and not forced:
            return self.send_fixed(buf, total)
        if cfg.max_msg_len and total > cfg.max_msg_len and not forced:
            # SFCB builds replies in memory and gives up past maxMsgLen.
            blocks.close()
            err = CIMError(1, 'Reply exceeds the maximum message length (%d bytes)'
                           % cfg.max_msg_len)
            body = ''.join(cimxml.envelope(req.msgid, req.name, [
                cfg.dispatcher.r.error(err, req.name)], req.extrinsic)).encode('utf-8')
            return self.send_fixed([body], len(body))
        self.send_chunked(buf, blocks, done, trailers and http11, err)

    def _stall_cut(self, block, sent):
        n = self.server.cfg.stall_after
        if n is None or sent + len(block) < n:
            return block, False
        return block[:max(0, n - sent)], True

    def send_fixed(self, blocks, total):
        cfg = self.server.cfg
        self.head(200, 'OK', self.base_headers() + [self.length_header(total),
                                                     ('CIMOperation', 'MethodResponse')])
        sent = 0
        data = b''.join(blocks)
        for off in range(0, len(data), CHUNK):
            if off and cfg.delay_ms:
                time.sleep(cfg.delay_ms / 1000.0)
            piece, stall = self._stall_cut(data[off:off + CHUNK], sent)
            self.raw(piece)
            sent += len(piece)
            if stall:
                self.hang()
        if cfg.stall_after is not None and sent >= cfg.stall_after:
            self.hang()

    def send_chunked(self, first, blocks, done, trailers, err):
        cfg = self.server.cfg
        http11 = self.request_version == 'HTTP/1.1'
        hdrs = self.base_headers() + [('CIMOperation', 'MethodResponse')]
        if http11:
            te_name = 'Transfer-encoding' if cfg.quirks.startswith('sfcb') else 'Transfer-Encoding'
            hdrs.append((te_name, 'chunked'))
            if trailers:
                hdrs.append(('Trailer', 'CIMStatusCode, CIMStatusCodeDescription'))
        else:
            hdrs.append(('Connection', 'close'))
            self.close_connection = True
        self.head(200, 'OK', hdrs)
        sent, code, desc = 0, err.code if err else 0, err.message if err else ''
        rest = iter(()) if done else blocks

        def all_blocks():
            yield from first
            yield from rest
        try:
            for i, b in enumerate(all_blocks()):
                if i and cfg.delay_ms:
                    time.sleep(cfg.delay_ms / 1000.0)
                if cfg.max_msg_len and sent + len(b) > cfg.max_msg_len:
                    code, desc = 1, 'Reply exceeds the maximum message length'
                    break
                b, stall = self._stall_cut(b, sent)
                if b:
                    self.raw(b'%x\r\n%s\r\n' % (len(b), b) if http11 else b)
                sent += len(b)
                if stall:
                    self.hang()
        except CIMError as e:
            code, desc = e.code, str(e)
        if not http11:
            return
        if code and not trailers:
            # No way to report a late error: cut the connection instead.
            self.close_connection = True
            self.raw(b'0\r\n\r\n')
            return
        tail = b'0\r\n'
        if trailers:
            tail += b'CIMStatusCode: %d\r\n' % code
            if code:
                tail += ('CIMStatusCodeDescription: %s\r\n' % urllib.parse.quote(
                    '%s: %s' % (CODE_NAMES.get(code, code), desc))).encode('ascii')
        self.raw(tail + b'\r\n')

    # ----------------------------------------------------------- hostile
    def hostile(self, kind, req):
        """Misbehaving replies for EnumerateInstances/GetInstance/Open*."""
        cfg = self.server.cfg
        ct = ('Content-Type', 'application/xml; charset="utf-8"')
        cimop = ('CIMOperation', 'MethodResponse')
        envhead = ('<?xml version="1.0" encoding="utf-8" ?>\n%%s<CIM CIMVERSION="2.0" '
                   'DTDVERSION="2.0">\n<MESSAGE ID="%s" PROTOCOLVERSION="1.0">\n<SIMPLERSP>\n'
                   '<IMETHODRESPONSE NAME="%s">\n' % (cimxml.esc(req.msgid), req.name))
        envtail = '</IMETHODRESPONSE>\n</SIMPLERSP>\n</MESSAGE>\n</CIM>\n'

        def fixed(body, headers=(ct, cimop), status=(200, 'OK')):
            if isinstance(body, str):
                body = body.encode('utf-8')
            self.head(status[0], status[1], list(headers) + [('Content-Length', str(len(body)))])
            self.raw(body)

        if kind == 'malformed':
            return fixed(envhead % '' + '<IRETURNVALUE>\n<VALUE.NAMEDINSTANCE>\n'
                         '<INSTANCENAME CLASSNAME="TEST_Widget">\n</VALUE.NAMEDINSTANCE>\n'
                         '<INSTANCE CLASSNAME="TEST_Widget"><PROPERTY NAME="Label" TYPE="string">'
                         '<VALUE>a & b < c</VALUE></PROPERTY>\n</IRETURNVALUE>\n' + envtail)
        if kind == 'truncated':
            gen, _ = cfg.dispatcher.run(req)
            data = ''.join(gen).encode('utf-8')
            cut = data.find(b'<PROPERTY NAME=', len(data) // 2)
            cut = (cut + 9) if cut > 0 else len(data) // 2
            self.head(200, 'OK', [ct, ('Content-Length', str(len(data))), cimop])
            self.raw(data[:cut])
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if kind == 'entity-bomb':
            ents = '<!ENTITY lol "lol">\n' + ''.join(
                '<!ENTITY lol%d "%s">\n' % (i, ('&lol%s;' % (i - 1 if i > 1 else '')) * 10)
                for i in range(1, 10))
            dt = '<!DOCTYPE CIM [\n%s]>\n' % ents
            return fixed(envhead % dt + self._one_instance(req, 'Label', '&lol9;') + envtail)
        if kind == 'external-entity':
            dt = '<!DOCTYPE CIM [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
            return fixed(envhead % dt + self._one_instance(req, 'Label', '&xxe;') + envtail)
        if kind == 'escape-sequences':
            return fixed(envhead % '' + self._hostile_strings(req) + envtail)
        if kind == 'huge-value':
            size = 64 * 1024 * 1024
            pre = (envhead % '' + self._one_instance(req, 'Label', '\0')).encode('utf-8')
            a, b = pre.split(b'\0')
            b += envtail.encode()
            self.head(200, 'OK', [ct, ('Content-Length', str(len(a) + size + len(b))), cimop])
            self.raw(a)
            block = b'A' * (1024 * 1024)
            for _ in range(size // len(block)):
                self.raw(block)
            self.raw(b)
            return
        if kind == 'deep-nesting':
            depth = 100000
            return fixed(envhead % '' + '<IRETURNVALUE>\n' + '<VALUE.ARRAY>' * depth +
                         '</VALUE.ARRAY>' * depth + '\n</IRETURNVALUE>\n' + envtail)
        if kind == 'wrong-content-type':
            return fixed('<html><head><title>Welcome</title></head><body><h1>It works!</h1>'
                         '</body></html>\n', headers=[('Content-Type', 'text/html; charset=utf-8')])
        if kind == 'http-500':
            return fixed('Internal Server Error\n', status=(500, 'Internal Server Error'),
                         headers=[('Content-Type', 'text/plain'), ('CIMError', 'request-not-valid'),
                                  ('PGErrorDetail', urllib.parse.quote('cimomd --hostile http-500'))])
        if kind == 'garbage':
            return fixed(random.Random(1234).randbytes(16384))
        if kind == 'empty':
            return fixed(b'')
        if kind == 'slow-headers':
            self.raw(b'HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset="utf-8"\r\n')
            n = 0
            while not cfg.stop.is_set():
                try:
                    self.raw(b'X-Slow-%d: still thinking\r\n' % n)
                except OSError:
                    break
                n += 1
                if cfg.stop.wait(0.5):
                    break
            self.close_connection = True
            return
        raise AssertionError(kind)

    def _wrap_items(self, req, items):
        """items: [(InstancePath-ish xml, INSTANCE xml)] in the op's shape."""
        op = req.name.lower()
        if op == 'getinstance':
            return '<IRETURNVALUE>\n%s</IRETURNVALUE>\n' % items[0][1]
        if op == 'openenumerateinstances':
            return ('<IRETURNVALUE>\n%s</IRETURNVALUE>\n<PARAMVALUE NAME="EndOfSequence">\n'
                    '<VALUE>TRUE</VALUE>\n</PARAMVALUE>\n<PARAMVALUE NAME="EnumerationContext">\n'
                    '<VALUE></VALUE>\n</PARAMVALUE>\n' % ''.join(
                        '<VALUE.INSTANCEWITHPATH>\n<INSTANCEPATH>\n<NAMESPACEPATH>\n<HOST>%s</HOST>\n'
                        '%s</NAMESPACEPATH>\n%s</INSTANCEPATH>\n%s</VALUE.INSTANCEWITHPATH>\n' % (
                            self.server.cfg.host,
                            self.server.cfg.dispatcher.r.localnamespacepath(req.namespace), p, i)
                        for p, i in items))
        return '<IRETURNVALUE>\n%s</IRETURNVALUE>\n' % ''.join(
            '<VALUE.NAMEDINSTANCE>\n%s%s</VALUE.NAMEDINSTANCE>\n' % (p, i) for p, i in items)

    def _one_instance(self, req, prop, raw_value):
        path = ('<INSTANCENAME CLASSNAME="TEST_Widget">\n<KEYBINDING NAME="InstanceID">\n'
                '<KEYVALUE VALUETYPE="string">W00000</KEYVALUE>\n</KEYBINDING>\n</INSTANCENAME>\n')
        inst = ('<INSTANCE CLASSNAME="TEST_Widget">\n<PROPERTY NAME="InstanceID" TYPE="string">\n'
                '<VALUE>W00000</VALUE>\n</PROPERTY>\n<PROPERTY NAME="%s" TYPE="string">\n'
                '<VALUE>%s</VALUE>\n</PROPERTY>\n</INSTANCE>\n' % (prop, raw_value))
        return self._wrap_items(req, [(path, inst)])

    # Control characters XML 1.0 cannot carry are sent as numeric character
    # references anyway (as some real servers do); C1 controls, CR, bidi
    # and zero-width characters are legal XML and arrive intact.
    HOSTILE_STRINGS = [
        ('clear', 'before&#27;[2Jafter (ESC [ 2 J clears the screen)'),
        ('title', 'x&#27;]0;pwned title&#7;y (OSC 0 sets the window title)'),
        ('cr', 'visible&#13;HIDDEN (carriage return overwrites)'),
        ('backspace', 'secret&#8;&#8;&#8;&#8;&#8;&#8;public (backspaces)'),
        ('c1', 'csi&#155;2Jnel&#133;end (C1 controls CSI and NEL)'),
        ('bidi', 'abc\u202edcba\u202c zero\u200bwidth (bidi override, ZWSP)'),
        ('color', '&#27;[31;1mRED&#27;[0m &#27;[5mblink&#27;[0m'),
    ]

    def _hostile_strings(self, req):
        items = []
        for name, text in self.HOSTILE_STRINGS:
            path = ('<INSTANCENAME CLASSNAME="TST_Hostile">\n<KEYBINDING NAME="Name">\n'
                    '<KEYVALUE VALUETYPE="string">%s</KEYVALUE>\n</KEYBINDING>\n</INSTANCENAME>\n'
                    % name)
            inst = ('<INSTANCE CLASSNAME="TST_Hostile">\n<PROPERTY NAME="Name" TYPE="string">\n'
                    '<VALUE>%s</VALUE>\n</PROPERTY>\n<PROPERTY NAME="Text" TYPE="string">\n'
                    '<VALUE>%s</VALUE>\n</PROPERTY>\n</INSTANCE>\n' % (name, text))
            items.append((path, inst))
        return self._wrap_items(req, items)


# ----------------------------------------------------------------- config

class Config:
    def __init__(self, args):
        self.quirks = args.quirks or ''
        self.chunked = args.chunked
        self.delay_ms = args.delay_ms
        self.stall_after = args.stall_after_bytes
        self.hostile = args.hostile
        self.auth = args.auth
        self.max_msg_len = args.max_msg_len
        if self.max_msg_len is None and self.quirks == 'sfcb-1.3':
            self.max_msg_len = 10 * 1000 * 1000
        self.stop = threading.Event()
        self.host = socket.gethostname() or 'localhost'
        self.tls_ctx = None
        if args.tls:
            self.tls_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls_ctx.load_cert_chain(args.tls[0], args.tls[1])
        errors = {}
        for spec in args.error or []:
            op, _, code = spec.rpartition(':')
            if not op or not code.isdigit():
                raise SystemExit('--error wants OPERATION:CODE, got %r' % spec)
            errors[op.lower()] = int(code)
        pegasus = self.quirks == 'pegasus'
        product = {'pegasus': 'Pegasus', 'sfcb-1.3': 'sfcb', 'sfcb-1.4': 'sfcb'}.get(
            self.quirks, 'cimomd')
        self.repo = Repository(bulk=args.bulk, host=self.host, product=product, pegasus=pegasus,
                               interop='root/PG_InterOp' if pegasus else 'root/interop')
        self.dispatcher = cimxml.Dispatcher(self.repo, cimxml.Style(self.quirks or 'default',
                                                                    self.host),
                                            no_pull=args.no_pull, errors=errors)
        self.log_lock = threading.Lock()
        self.log_file = open(args.log, 'a', encoding='utf-8') if args.log else None

    def log_line(self, line):
        if self.log_file is None:
            return
        with self.log_lock:
            self.log_file.write(line + '\n')
            self.log_file.flush()


def parse_args(argv):
    ap = argparse.ArgumentParser(description='cimtui test CIM server (CIM-XML)')
    ap.add_argument('--port', type=int, default=0, help='TCP port (default: a free one)')
    ap.add_argument('--lifetime', type=float, default=600, help='exit after S seconds')
    ap.add_argument('--bulk', type=int, default=1000, help='TST_Bulk instance count')
    ap.add_argument('--no-pull', action='store_true', help='pull operations answer 7')
    ap.add_argument('--delay-ms', type=int, default=0, help='delay per response and chunk')
    ap.add_argument('--stall-after-bytes', type=int, default=None,
                    help='send N body bytes then hang')
    ap.add_argument('--error', action='append', metavar='OPERATION:CODE',
                    help='answer OPERATION with CIM error CODE (repeatable)')
    ap.add_argument('--hostile', choices=HOSTILE_KINDS)
    ap.add_argument('--auth', metavar='USER:PASS', help='require HTTP Basic auth')
    ap.add_argument('--tls', nargs=2, metavar=('CERT', 'KEY'), help='serve HTTPS')
    ap.add_argument('--chunked', action='store_true', help='chunked replies (+trailers)')
    ap.add_argument('--quirks', choices=QUIRKS)
    ap.add_argument('--max-msg-len', type=int, default=None, help='reply size limit (bytes)')
    ap.add_argument('--log', metavar='FILE', help='append "OPERATION NAMESPACE CLASS" lines')
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    cfg = Config(args)
    server = Server(('127.0.0.1', args.port), Handler)
    server.cfg = cfg
    port = server.server_address[1]

    def stop(*_):
        cfg.stop.set()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    t = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.2},
                         daemon=True)
    t.start()
    sys.stdout.write('listening %s://127.0.0.1:%d\n' % ('https' if cfg.tls_ctx else 'http', port))
    sys.stdout.flush()
    cfg.stop.wait(args.lifetime)
    cfg.stop.set()
    server.shutdown()
    server.server_close()
    if cfg.log_file:
        cfg.log_file.close()
    sys.stdout.flush()
    os._exit(0)     # daemon handler threads may still hold stalled sockets


if __name__ == '__main__':
    main()
