#!/usr/bin/env python3
"""A keep-alive HTTP/1.1 server on 127.0.0.1:PORT answering GET /health with 200 "ok".

For the exec benchmark only: python's http.server speaks HTTP/1.0 and closes every
connection, which would measure connection set-up instead of the request.
"""
import http.server, sys


class Health(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One buffered write per response (flushed by the handler), sent at once.
    wbufsize = -1
    disable_nagle_algorithm = True

    def do_GET(self):
        body = b"ok" if self.path == "/health" else b"not found"
        self.send_response(200 if self.path == "/health" else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Health)
server.daemon_threads = True
server.serve_forever()
