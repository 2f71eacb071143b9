import Glibc
import Logging
import ServiceLifecycle

/// `GET /metrics` on 127.0.0.1:<port> in Prometheus text format. A deliberately small
/// HTTP/1.0 responder: one short request per connection, nothing else served.
struct MetricsEndpoint: Service {
    let port: Int
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MetricsEndpointError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            throw MetricsEndpointError("cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        logger.info("metrics on http://127.0.0.1:\(port)/metrics")
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    try await Task.sleep(for: .milliseconds(50))
                    continue
                }
                await respond(client)
            }
        }
    }

    private func respond(_ client: Int32) async {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 2048)
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let n = read(client, &buffer, buffer.count)
        let request = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
        let ok = request.hasPrefix("GET /metrics")
        let body = ok ? await metrics.render() : "not found\n"
        let head = "HTTP/1.0 \(ok ? "200 OK" : "404 Not Found")\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array((head + body).utf8)
        var sent = 0
        while sent < bytes.count {
            let w = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            if w <= 0 { break }
            sent += w
        }
    }
}

struct MetricsEndpointError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
