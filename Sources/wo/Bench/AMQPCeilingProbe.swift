import AMQPClient
import Foundation
import Histogram
import Logging
import Synchronization

/// The raw-broker ceiling: what the broker and librabbitmq allow on this machine for
/// the message patterns the server uses. The engine's benchmarks are read against it.
struct AMQPCeilingProbe {
    let connection: AMQPConnection
    let queueType: QueueType
    let bodySize: Int
    let logger: Logger
    private let queues = QueueNames()

    enum Pattern: String, CaseIterable, Codable {
        case publishConfirm1 = "publish, confirms, 1 outstanding"
        case publishConfirm1000 = "publish, confirms, 1000 outstanding"
        case consumeAck100 = "consume, prefetch 100, ack each"
        case consumeMultiAck1000 = "consume, prefetch 1000, multi-ack every 500"
        case consumeAck100Deciding = "consume, prefetch 100, ack each, decided on the connection's thread"
        case consumeMultiAck1000Deciding = "consume, prefetch 1000, multi-ack every 500, decided there"
        case hop100 = "consume A -> publish B, confirm -> ack A, prefetch 100, multi-ack"
        case hop1000 = "same, prefetch 1000, multi-ack"

        /// The short name `--pattern` takes.
        var argument: String {
            switch self {
            case .publishConfirm1: "publish-1"
            case .publishConfirm1000: "publish-1000"
            case .consumeAck100: "consume-100"
            case .consumeMultiAck1000: "consume-1000"
            case .consumeAck100Deciding: "consume-100-deciding"
            case .consumeMultiAck1000Deciding: "consume-1000-deciding"
            case .hop100: "hop-100"
            case .hop1000: "hop-1000"
            }
        }

        /// Prefetch and ack interval of the consume-only patterns.
        var consumeShape: (prefetch: UInt16, ackEvery: Int)? {
            switch self {
            case .consumeAck100, .consumeAck100Deciding: (100, 1)
            case .consumeMultiAck1000, .consumeMultiAck1000Deciding: (1000, 500)
            default: nil
            }
        }

        /// AMQP-NOTES.md, classic queues, median of 3 (msgs/s).
        var reference: Double {
            switch self {
            case .publishConfirm1: 1_900
            case .publishConfirm1000: 18_200
            case .consumeAck100, .consumeAck100Deciding: 28_300
            case .consumeMultiAck1000, .consumeMultiAck1000Deciding: 48_300
            case .hop100: 9_900
            case .hop1000: 15_700
            }
        }
    }

    var body: [UInt8] { Array(repeating: UInt8(ascii: "x"), count: bodySize) }

    func message(_ queue: String, _ i: Int) -> OutgoingMessage {
        OutgoingMessage(exchange: "", routingKey: queue, body: body, properties: MessageProperties(contentType: nil, messageID: "\(i)"))
    }

    /// A new queue for one measurement, deleted by `deleteQueues()`. Should the bench
    /// die first, the broker drops it after ten idle minutes (`x-expires`).
    func freshQueue(_ label: String) async throws -> String {
        let name = "wo.bench.\(label).\(UUID().uuidString.prefix(6).lowercased())"
        try await connection.declareQueue(QueueSpec(name: name, type: queueType, autoDelete: false, extraArguments: ["x-expires": .int(600_000)]))
        queues.add(name)
        return name
    }

    /// Deletes the queues made so far, messages and all, before the next measurement:
    /// left behind they slow the broker for every later one.
    func deleteQueues() async throws {
        for name in queues.takeAll() { _ = try await connection.deleteQueue(name) }
    }

    /// Messages per second for one pattern over `count` messages.
    func rate(_ pattern: Pattern, count: Int) async throws -> Double {
        switch pattern {
        case .publishConfirm1:
            let queue = try await freshQueue("pub1")
            let start = ContinuousClock.now
            for i in 0..<count { try await connection.publish(message(queue, i)) }
            return Double(count) / (ContinuousClock.now - start).seconds
        case .publishConfirm1000:
            let queue = try await freshQueue("pub1000")
            return try await publishWindowed(queue: queue, count: count, window: 1000)
        case .consumeAck100:
            return try await consume(count: count, prefetch: 100, ackEvery: 1)
        case .consumeMultiAck1000:
            return try await consume(count: count, prefetch: 1000, ackEvery: 500)
        case .consumeAck100Deciding:
            return try await consumeDeciding(count: count, prefetch: 100, ackEvery: 1)
        case .consumeMultiAck1000Deciding:
            return try await consumeDeciding(count: count, prefetch: 1000, ackEvery: 500)
        case .hop100:
            return try await hop(count: count, prefetch: 100, batch: 50)
        case .hop1000:
            return try await hop(count: count, prefetch: 1000, batch: 500)
        }
    }

    /// Keeps `window` publishes outstanding: each lane awaits its own confirm.
    func publishWindowed(queue: String, count: Int, window: Int) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<window {
                group.addTask {
                    var i = lane
                    while i < count {
                        try await connection.publish(message(queue, i))
                        i += window
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(count) / (ContinuousClock.now - start).seconds
    }

    func fill(_ queue: String, count: Int) async throws {
        var sent = 0
        while sent < count {
            let batch = (sent..<min(sent + 1000, count)).map { message(queue, $0) }
            let outcomes = await connection.publishEach(batch)
            if let failure = outcomes.compactMap({ $0 }).first { throw failure }
            sent += batch.count
        }
    }

    /// The same pattern written as a plain single-threaded librabbitmq client
    /// (`RawBaseline`), on the same kind of queue, for the same-run ratio.
    func raw(_ pattern: Pattern, count: Int) async throws -> Double {
        let url = connection.url
        let elapsed: Duration
        switch pattern {
        case .publishConfirm1, .publishConfirm1000:
            let queue = try await freshQueue("rawpub")
            let window = pattern == .publishConfirm1 ? 1 : 1000
            elapsed = try await RawBaseline.publish(url: url, queue: queue, count: count, window: window, bodySize: bodySize)
        case .consumeAck100, .consumeMultiAck1000, .consumeAck100Deciding, .consumeMultiAck1000Deciding:
            let queue = try await freshQueue("raw")
            try await fill(queue, count: count)
            let shape = pattern.consumeShape!
            elapsed = try await RawBaseline.consume(url: url, queue: queue, count: count, prefetch: shape.prefetch, ackEvery: shape.ackEvery)
        case .hop100, .hop1000:
            let source = try await freshQueue("rawhopA")
            let target = try await freshQueue("rawhopB")
            try await fill(source, count: count)
            let (prefetch, batch): (UInt16, Int) = pattern == .hop100 ? (100, 50) : (1000, 500)
            elapsed = try await RawBaseline.hop(url: url, source: source, target: target, count: count, prefetch: prefetch, batch: batch)
        }
        return Double(count) / elapsed.seconds
    }

    /// The hop with the engine's message pattern: each message consumed is published twice
    /// (to a queue, and to `amq.topic` where nothing is bound, as the server's event goes
    /// to `wo.events`), confirmed, then acked; prefetch 1000. Messages consumed per second.
    func engineShapeRate(count: Int) async throws -> Double {
        let source = try await freshQueue("rawhopA")
        let target = try await freshQueue("rawhopB")
        try await fill(source, count: count)
        let elapsed = try await RawBaseline.hop(
            url: connection.url, source: source, target: target, count: count, prefetch: 1000, batch: 500, alsoTo: "amq.topic")
        return Double(count) / elapsed.seconds
    }

    func consume(count: Int, prefetch: UInt16, ackEvery: Int) async throws -> Double {
        let queue = try await freshQueue("consume")
        try await fill(queue, count: count)
        let start = ContinuousClock.now
        let consumer = try await connection.consume(queue: queue, prefetch: prefetch)
        var received = 0
        for try await delivery in consumer {
            received += 1
            if received % ackEvery == 0 || received == count { consumer.ack(delivery, multiple: ackEvery > 1) }
            if received == count { break }
        }
        return Double(count) / (ContinuousClock.now - start).seconds
    }

    /// The same, but each delivery is settled where it arrives (`DeliveryVerdict`); only
    /// the last one reaches the task, which acks it and stops the clock.
    func consumeDeciding(count: Int, prefetch: UInt16, ackEvery: Int) async throws -> Double {
        let queue = try await freshQueue("consume")
        try await fill(queue, count: count)
        let start = ContinuousClock.now
        let seen = DeliveryCount()
        let consumer = try await connection.consume(queue: queue, prefetch: prefetch) { _ in
            let n = seen.next()
            if n == count { return .passOn }
            return n % ackEvery == 0 ? .ack(multiple: ackEvery > 1) : .later
        }
        for try await last in consumer {
            consumer.ack(last, multiple: ackEvery > 1)
            break
        }
        return Double(count) / (ContinuousClock.now - start).seconds
    }

    /// Consume from A, publish each to B with confirms, then ack A (multiple) once the
    /// batch is confirmed: the server's own hop without the store.
    func hop(count: Int, prefetch: UInt16, batch: Int) async throws -> Double {
        let source = try await freshQueue("hopA")
        let target = try await freshQueue("hopB")
        try await fill(source, count: count)
        let start = ContinuousClock.now
        let consumer = try await connection.consume(queue: source, prefetch: prefetch)
        var pending: [Delivery] = []
        var done = 0
        for try await delivery in consumer {
            pending.append(delivery)
            if pending.count == batch || done + pending.count == count {
                let outgoing = pending.map { OutgoingMessage(exchange: "", routingKey: target, body: $0.body, properties: $0.properties) }
                let outcomes = await connection.publishEach(outgoing)
                if let failure = outcomes.compactMap({ $0 }).first { throw failure }
                consumer.ack(pending.last!, multiple: true)
                done += pending.count
                pending.removeAll(keepingCapacity: true)
                if done == count { break }
            }
        }
        return Double(count) / (ContinuousClock.now - start).seconds
    }

    /// End-to-end latency through one hop at a steady offered rate, in microseconds.
    func hopLatency(rate: Int, seconds: Int) async throws -> (p50: Double, p99: Double) {
        let source = try await freshQueue("latA")
        let target = try await freshQueue("latB")
        let count = rate * seconds
        let hopConsumer = try await connection.consume(queue: source, prefetch: 100)
        let sink = try await connection.consume(queue: target, prefetch: 1000)
        let hopTask = Task {
            var n = 0
            for try await delivery in hopConsumer {
                try await connection.publish(OutgoingMessage(exchange: "", routingKey: target, body: delivery.body, properties: delivery.properties))
                hopConsumer.ack(delivery)
                n += 1
                if n == count { return }
            }
        }
        let epoch = ContinuousClock.now
        let sinkTask = Task { () throws -> Histogram<UInt64> in
            var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
            var n = 0
            for try await delivery in sink {
                let sentAt = Int64(delivery.properties.headers["sent-us"]?.intValue ?? 0)
                let now = Int64((ContinuousClock.now - epoch).microseconds)
                _ = histogram.record(UInt64(max(0, now - sentAt)))
                n += 1
                if n % 100 == 0 || n == count { sink.ack(delivery, multiple: true) }
                if n == count { return histogram }
            }
            return histogram
        }
        let interval = Duration.seconds(1) / rate
        for i in 0..<count {
            let due = epoch + interval * i
            if due > ContinuousClock.now { try await Task.sleep(until: due) }
            var m = message(source, i)
            m.properties.headers["sent-us"] = .int(Int64((ContinuousClock.now - epoch).microseconds))
            try await connection.publish(m)
        }
        try await hopTask.value
        let histogram = try await sinkTask.value
        return (Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000)
    }
}

/// The queues a probe made and has not deleted yet.
final class QueueNames: Sendable {
    private let names = Mutex<[String]>([])

    func add(_ name: String) { names.withLock { $0.append(name) } }

    func takeAll() -> [String] { names.withLock { names in defer { names = [] }; return names } }
}

/// Counts deliveries on the connection's thread.
final class DeliveryCount: Sendable {
    private let count = Atomic<Int>(0)

    func next() -> Int { count.add(1, ordering: .relaxed).newValue }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    var microseconds: Double { seconds * 1e6 }
}
