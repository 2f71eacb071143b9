import AMQPClient
import ArgumentParser
import Foundation
import Logging
import WorkOrderCore
import WorkOrderStore
import WorkOrderTopology

/// `wo bench engine`: orders per second through the whole server, read against the
/// broker's consume → publish → confirm → ack ceiling measured in the same run.
struct EngineBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Measure repair requests → committed orders → confirmed dispatches per second, against the broker's hop ceiling.",
        discussion: """
            Needs a vhost of its own (scripts/bench makes 'wo-bench'): it refuses a vhost where \
            a server consumes or where department tasks wait. Each run uses a new SQLite file \
            in a temporary folder, or with --postgres a new schema wo_bench_… of that database; \
            each is removed after its run.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policy: PolicyOptions

    @Option(help: "Requests per run.")
    var messages = 5_000

    @Option(help: "Runs; min / median / max are reported.")
    var runs = 3

    @OptionGroup var output: BenchStoreOptions

    struct Report: Codable {
        var store: String
        var messages: Int
        var min: Double
        var median: Double
        var max: Double
        /// consume → publish → confirm → ack, prefetch 1000, in the same run.
        var hopCeiling: Double
        var ratioToHop: Double
        /// The same hop publishing two copies of each message (the engine's pattern: a
        /// dispatch and an event per intake), in the same run.
        var twoCopyHopCeiling: Double
        var ratioToTwoCopyHop: Double
    }

    func run() async throws {
        let logger = Logging.bootstrap(level: .warning)
        let policySet = try policy.load()
        let amqp = try await AMQPConnection.connect(to: try connection.resolvedURL(), name: "wo-bench", reconnect: .never, logger: logger)
        try await BrokerTopology.declare(on: amqp)
        try await refuseSharedVhost(amqp)
        let ceiling = AMQPCeilingProbe(connection: amqp, queueType: .classicV2, bodySize: 512, logger: logger)
        let engine = EngineThroughputProbe(connection: amqp, policy: policySet, logger: logger)
        var rates: [Double] = [], hops: [Double] = [], twoCopyHops: [Double] = []
        for _ in 0..<max(runs, 1) {
            hops.append(try await ceiling.rate(.hop1000, count: messages))
            try await ceiling.deleteQueues()
            twoCopyHops.append(try await ceiling.engineShapeRate(count: messages))
            try await ceiling.deleteQueues()
            let location = try freshStore()
            rates.append(try await engine.rate(count: messages, location: location))
            try await OrderStores.removeScratch(location, logger: logger)
        }
        await amqp.close()
        let median = rates.median!, hop = hops.median!, twoCopyHop = twoCopyHops.median!
        let report = Report(store: output.storeName, messages: messages, min: rates.min()!, median: median,
                            max: rates.max()!, hopCeiling: hop, ratioToHop: median / hop,
                            twoCopyHopCeiling: twoCopyHop, ratioToTwoCopyHop: median / twoCopyHop)
        if output.json {
            try printJSON(report)
        } else {
            print(Self.table(report))
        }
    }

    func refuseSharedVhost(_ amqp: AMQPConnection) async throws {
        try await BenchSupport.refuseSharedVhost(amqp, command: "engine")
    }

    func freshStore() throws -> String {
        try output.freshStore()
    }

    static func table(_ r: Report) -> String {
        let f = AMQPBenchCommand.fmt
        return """
            Engine, \(r.store) store: repair requests → committed orders → confirmed dispatches (orders/s)

            msgs \(r.messages)  min \(f(r.min))  median \(f(r.median))  max \(f(r.max))
            broker hop ceiling, same run (consume → publish → confirm → ack, prefetch 1000): \(f(r.hopCeiling))
            ratio: \(String(format: "%.0f%%", r.ratioToHop * 100))
            the same hop publishing two copies of each (the engine's pattern), same run: \(f(r.twoCopyHopCeiling))
            ratio to it: \(String(format: "%.0f%%", r.ratioToTwoCopyHop * 100))

            Each order costs more than a hop: a store commit (grouped), and two confirmed
            publishes (the dispatch and the event on wo.events) for each request consumed;
            the second ceiling is the broker's part of that alone.
            """
    }
}
