import AMQPClient
import ArgumentParser
import Foundation
import ServiceLifecycle
import UnixSignals
import WorkOrderCore
import WorkOrderTopology
import WorkOrderWorkers

/// `wo watch`: what happens, as it happens — orders opened and moved with the tasks and
/// follow-ups each step sent, refused transitions, dead letters, replays. It reads from a
/// private queue bound to `wo.events` and `wo.dead`, so it takes nothing from anyone.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow what happens live: orders, transitions, tasks, escalations, call-backs, dead letters · 实时监看"
    )

    @Option(help: "Only this site.") var site: String?
    @Option(help: "Only this kind (complaint, repair, …).") var kind: String?
    @Option(help: "Only this order.") var order: String?
    @Option(help: "Only steps that sent a task to this department (engineering, cleaning, …).") var department: String?
    @Flag(help: "One JSON object per line, for tools (machine names, whatever --lang).") var json = false
    @OptionGroup var language: LanguageOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policy: PolicyOptions

    func run() async throws {
        let logger = Logging.bootstrap(level: connection.logLevel)
        let clock = policy.taskClock(logger: logger)
        let locale = try policy.locale(language.chosen)
        let amqp = try await connectOrExplain(connection, name: "wo-watch", language: locale.language, logger: logger)
        try await BrokerTopology.declareOrCheck([], on: amqp)
        let queue = "wo.watch.\(UUID().uuidString.prefix(12).lowercased())"
        _ = try await amqp.declareQueue(QueueSpec(name: queue, durable: false, exclusive: true, autoDelete: true))
        try await amqp.bindQueue(queue, to: BrokerTopology.eventsExchange, routingKey: "#")
        try await amqp.bindQueue(queue, to: BrokerTopology.deadLetterExchange, routingKey: "")
        let consumer = try await amqp.consume(queue: queue, prefetch: 200)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardError.write(Data((Phrase.watching.text(locale.language) + "\n").utf8))
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let stop = Task {
            for await _ in signals {
                consumer.cancel()
                break
            }
        }
        for try await delivery in consumer {
            consumer.ack(delivery)
            guard let entry = WatchEntry.read(delivery), entry.matches(site: site, kind: kind, order: order, department: department) else { continue }
            // Written at once, unbuffered: a tool reading the pipe sees each line as it happens.
            let text = json ? String(decoding: try encoder.encode(entry), as: UTF8.self) : entry.line(clock: clock, locale: locale)
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
        stop.cancel()
        await amqp.close()
    }
}
