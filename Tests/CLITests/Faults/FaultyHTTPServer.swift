import BackendTestSupport
import Foundation
import TestSupport

/// A real HTTP server that misbehaves on purpose: `/fail` answers 500, `/slow` waits two
/// minutes, `/echo` sends the request's headers back as JSON, anything else 200 `{"ok": true}`.
final class FaultyHTTPServer {
    static let script = """
    import http.server, json, sys, time
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.startswith('/slow'):
                time.sleep(120)
            code = 500 if self.path.startswith('/fail') else 200
            if self.path.startswith('/echo'):
                body = json.dumps(dict(self.headers)).encode()
            else:
                body = b'{"error": "boom"}' if code == 500 else b'{"ok": true}'
            self.send_response(code)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    print('listening on port', server.server_address[1])
    server.serve_forever()
    """

    private let server: PythonHTTPServer
    var port: Int { server.port }
    var url: String { "http://127.0.0.1:\(port)" }

    init() throws {
        server = try PythonHTTPServer(["-c", Self.script])
    }
}
