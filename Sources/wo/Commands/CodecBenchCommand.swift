import ArgumentParser
import Foundation
import WorkOrderCore

/// `wo bench codec`: the cost of writing and reading an order body, the project's own
/// encoder and decoder against Foundation's in the same run. No broker, no store: a
/// repeatable target for `valgrind --tool=callgrind` as well.
struct CodecBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Measure encoding and decoding order bodies: the compact encoder and decoder against Foundation's.",
        discussion: """
            The orders are repairs opened through the engine, half of them after their \
            on-site deadline fired (the orders `wo bench timers` reads back). Each codec \
            runs --rounds times over them, alternating, and the best round is reported, in \
            microseconds per order, with ours as a share of Foundation's.
            """
    )

    @Option(help: "Orders per round.")
    var orders = 2000

    @Option(help: "Rounds per codec (the best is reported).")
    var rounds = 5

    @Flag(help: "Print the report as JSON.")
    var json = false

    struct Report: Codable {
        var orders: Int
        var bodyBytes: Int
        var foundationEncodeMicros: Double
        var compactEncodeMicros: Double
        var foundationDecodeMicros: Double
        var compactDecodeMicros: Double
        var encodeRatio: Double
        var decodeRatio: Double
    }

    func validate() throws {
        guard (1...1_000_000).contains(orders), (1...100).contains(rounds) else { throw ValidationError("--orders 1…1000000, --rounds 1…100") }
    }

    func run() throws {
        let sample = try Self.sampleOrders(count: orders)
        let bodies = try sample.map { String(decoding: try CompactJSONEncoder.encode($0), as: UTF8.self) }
        var best = [Double](repeating: .infinity, count: 4)
        for _ in 0..<rounds {
            best[0] = min(best[0], try Self.micros(per: sample.count) { for order in sample { _ = try JSONEncoder().encode(order) } })
            best[1] = min(best[1], try Self.micros(per: sample.count) { for order in sample { _ = try CompactJSONEncoder.encode(order) } })
            best[2] = min(best[2], try Self.micros(per: sample.count) { for body in bodies { _ = try JSONDecoder().decode(WorkOrder.self, from: Data(body.utf8)) } })
            best[3] = min(best[3], try Self.micros(per: sample.count) { for body in bodies { _ = try CompactJSONDecoder.decode(WorkOrder.self, from: body) } })
        }
        let report = Report(orders: sample.count, bodyBytes: bodies.reduce(0) { $0 + $1.utf8.count } / max(1, bodies.count),
                            foundationEncodeMicros: best[0], compactEncodeMicros: best[1], foundationDecodeMicros: best[2], compactDecodeMicros: best[3],
                            encodeRatio: best[1] / best[0], decodeRatio: best[3] / best[2])
        if json {
            try printJSON(report)
        } else {
            print("""
                Order bodies: \(report.orders) orders, \(report.bodyBytes) bytes each on average; best of \(rounds) rounds, µs per order

                         Foundation   compact   compact / Foundation
                encode   \(String(format: "%8.2f   %7.2f   %5.0f%%", report.foundationEncodeMicros, report.compactEncodeMicros, report.encodeRatio * 100))
                decode   \(String(format: "%8.2f   %7.2f   %5.0f%%", report.foundationDecodeMicros, report.compactDecodeMicros, report.decodeRatio * 100))
                """)
        }
    }

    static func micros(per count: Int, _ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds * 1_000_000 / Double(max(1, count))
    }

    /// Immediate repairs, every other one after its first timer fired.
    static func sampleOrders(count: Int) throws -> [WorkOrder] {
        let engine = WorkflowEngine(policy: PolicySet(version: "bench"))
        let now = Instant(millisecondsSinceEpoch: 1_795_400_000_000)
        return (0..<count).compactMap { i in
            let request = IntakeRequest(
                kind: .repair, site: "BENCH", household: Household(building: "\(i / 1000 + 1)", unit: "1", room: "\(i % 1000 + 100)"),
                owner: Owner(name: "张三", phone: "13800000000"), channel: .phone, subject: "codec bench \(i)", content: "水管漏水，厨房地面积水 \(i)",
                fields: ["mode": "immediate", "category": "other"])
            guard case .success(let step) = engine.open(request, id: String(format: "R-20300102-%08X", i), at: now) else { return nil }
            guard i % 2 == 1, case .armTimer(let id, let due)? = step.actions.first(where: { if case .armTimer = $0 { return true } else { return false } }),
                  case .success(let fired) = engine.timerFired(id, on: step.order, at: due) else { return step.order }
            return fired.order
        }
    }
}
