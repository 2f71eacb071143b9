import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import WOTesting
import WorkOrderTopology
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--metrics-port`: Prometheus text over HTTP, counting what the server did.
@Suite("Server: metrics endpoint")
struct MetricsEndpointTests {
    @Test(.timeLimit(.minutes(5)))
    func metricsCountAppliedDuplicateAndDeadLetteredMessages() async throws {
        let port = Int.random(in: 20_000...29_000)
        let server = try await ServerHarness.start(metricsPort: port)
        try await server.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "metrics-1")
        try await server.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "metrics-1")
        try await server.publishRaw(Array("not json".utf8), routingKey: "repair", messageID: "metrics-bad")
        #expect(try await server.eventually { try await server.depth(BrokerTopology.deadLetterQueue) == 1 })

        let url = URL(string: "http://127.0.0.1:\(port)/metrics")!
        // Counters move after their commits, beside the outbox: wait for all of them.
        let expected = [
            #"wo_messages_in_total{outcome="applied"} 1"#,
            #"wo_messages_in_total{outcome="duplicate"} 1"#,
            #"wo_messages_in_total{outcome="dead_lettered"} 1"#,
            #"wo_transitions_total{kind="repair",state="awaiting_technician"} 1"#,
            "wo_timers_armed 1",
        ]
        var text = ""
        _ = try await server.eventually {
            text = (try? await Self.get(url)) ?? ""
            return expected.allSatisfy { text.contains($0) }
        }
        for line in expected {
            #expect(text.contains(line), "\(line) missing from:\n\(text)")
        }
        try await server.stop()
    }

    /// Issue 14: 200 clients that connect and never send a request do not delay a scrape
    /// (the hand-written endpoint served one client at a time with a one-second read:
    /// 200 idle connections made a scrape wait 200 s). Health says live and ready.
    @Test(.timeLimit(.minutes(3)))
    func idleClientsNeverDelayAScrapeAndHealthAnswers() async throws {
        let port = Int.random(in: 20_000...29_000)
        let server = try await ServerHarness.start(metricsPort: port)
        let base = "http://127.0.0.1:\(port)"
        // Up once the endpoint answers.
        var live = ""
        for _ in 0..<100 {
            live = (try? await Self.get(URL(string: base + "/health/live")!)) ?? ""
            if live == "live\n" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(live == "live\n")
        var idle: [Int32] = []
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0)
            idle.append(fd)
        }
        defer { idle.forEach { close($0) } }
        // A scrape and a readiness check still answer while all 200 hang on; the time
        // limit is generous (the old endpoint would have needed 200 s).
        let scrape = try await Self.get(URL(string: base + "/metrics")!, timeout: 10)
        #expect(scrape.contains("wo_timers_armed"))
        var ready = ""
        for _ in 0..<100 {
            ready = (try? await Self.get(URL(string: base + "/health/ready")!, timeout: 10)) ?? ""
            if ready == "ready\n" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(ready == "ready\n")
        try await server.stop()
    }

    static func get(_ url: URL, timeout: TimeInterval = 60) async throws -> String {
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let (data, _) = try await URLSession.shared.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }
}
