import Foundation
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
        var text = ""
        for _ in 0..<50 {
            text = (try? await Self.get(url)) ?? ""
            if text.contains(#"wo_messages_in_total{outcome="duplicate"} 1"#) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(text.contains(#"wo_messages_in_total{outcome="applied"} 1"#), "\(text)")
        #expect(text.contains(#"wo_messages_in_total{outcome="duplicate"} 1"#))
        #expect(text.contains(#"wo_messages_in_total{outcome="dead_lettered"} 1"#))
        #expect(text.contains(#"wo_transitions_total{kind="repair",state="awaiting_technician"} 1"#))
        #expect(text.contains("wo_timers_armed 1"))
        try await server.stop()
    }

    static func get(_ url: URL) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: url)
        return String(decoding: data, as: UTF8.self)
    }
}
