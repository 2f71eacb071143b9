import AMQPClient
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization
import WorkOrderStore
import WorkOrderTopology

/// What `/health/ready` reports: the store answers, the broker answers, and the inbound
/// service is consuming.
public final class Readiness: Sendable {
    private let consumingFlag = Atomic<Bool>(false)

    public init() {}

    public var consuming: Bool { consumingFlag.load(ordering: .relaxed) }
    func setConsuming(_ value: Bool) { consumingFlag.store(value, ordering: .relaxed) }
}

/// `GET /metrics` (Prometheus text), `/health/live` and `/health/ready` on
/// 127.0.0.1:<port>, served by SwiftNIO's HTTP/1.1 server: every connection lives on the
/// event loop, so many idle or slow clients never delay a scrape or the engine.
struct MetricsEndpoint: Service {
    let port: Int
    let metrics: ServerMetrics
    let readiness: Readiness
    let store: any OrderStore
    let connection: AMQPConnection
    let logger: Logger

    func run() async throws {
        let routes = HealthRoutes(metrics: metrics, readiness: readiness, store: store, connection: connection)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(HealthHTTPHandler(routes: routes))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        logger.info("metrics and health", metadata: ["http.url": "http://127.0.0.1:\(port)/metrics"])
        try await withGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
    }
}

/// The three paths and their answers.
struct HealthRoutes: Sendable {
    let metrics: ServerMetrics
    let readiness: Readiness
    let store: any OrderStore
    let connection: AMQPConnection

    func answer(_ path: String) async -> (HTTPResponseStatus, String) {
        switch path {
        case "/metrics": return (.ok, await metrics.render())
        case "/health/live": return (.ok, "live\n")
        case "/health/ready":
            var problems: [String] = []
            if (try? await store.outboxDepth()) == nil { problems.append("store not answering") }
            if await !brokerAnswers() { problems.append("broker not answering") }
            if !readiness.consuming { problems.append("not consuming") }
            return problems.isEmpty ? (.ok, "ready\n") : (.serviceUnavailable, "not ready: " + problems.joined(separator: ", ") + "\n")
        default: return (.notFound, "not found: try /metrics, /health/live, /health/ready\n")
        }
    }

    /// A harmless round trip (declaring what exists), given two seconds.
    private func brokerAnswers() async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await connection.declareExchange(BrokerTopology.eventsExchange, kind: .topic)) != nil }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

/// One request at a time per connection (HTTP/1.1 keep-alive allowed); the answer is
/// computed off the event loop and written back on it.
final class HealthHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let routes: HealthRoutes
    private var path = "/"
    private var keepAlive = false

    init(routes: HealthRoutes) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "/")
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            let routes = self.routes, path = self.path, keepAlive = self.keepAlive
            let promise = context.eventLoop.makePromise(of: (HTTPResponseStatus, String).self)
            promise.completeWithTask { await routes.answer(path) }
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            promise.futureResult.whenSuccess { status, body in
                let (handler, context) = bound.value
                handler.respond(context: context, status: status, body: body, keepAlive: keepAlive)
            }
        }
    }

    private func respond(context: ChannelHandlerContext, status: HTTPResponseStatus, body: String, keepAlive: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: path == "/metrics" ? "text/plain; version=0.0.4" : "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
