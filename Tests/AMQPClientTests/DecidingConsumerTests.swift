import AMQPClient
import Logging
import Synchronization
import Testing
import WOTesting

/// Consumers that settle deliveries on the connection's own thread (`DeliveryVerdict`).
@Suite("Consumers deciding on the connection's thread")
struct DecidingConsumerTests {
    let logger = Logger(label: "test.amqp")

    func filledQueue(_ label: String, count: Int, on connection: AMQPConnection) async throws -> String {
        let queue = BrokerTestEnvironment.uniqueName(label)
        try await connection.declareQueue(QueueSpec(name: queue))
        let outcomes = await connection.publishEach((1...count).map {
            OutgoingMessage(exchange: "", routingKey: queue, body: Array("\($0)".utf8), properties: MessageProperties(messageID: "\($0)"))
        })
        #expect(outcomes.allSatisfy { $0 == nil })
        return queue
    }

    /// Ready messages left in `queue`, seen from a fresh connection once the consumer's
    /// connection has closed (which requeues whatever it left unacked).
    func remaining(_ spec: QueueSpec) async throws -> Int {
        let observer = try await AMQPConnection.connect(to: BrokerTestEnvironment.url, name: "observer", logger: logger)
        let count = try await observer.declareQueue(spec).messageCount
        try await observer.deleteQueue(spec.name)
        await observer.close()
        return count
    }

    @Test func ackedThereAndPassedOnReachTheirPlaces() async throws {
        let connection = try await AMQPConnection.connect(to: BrokerTestEnvironment.url, name: "deciding", logger: logger)
        // Nine, so the last message is passed on: the connection's thread has decided every
        // even one before `9` reaches the sequence, and nothing can still be in flight when
        // the connection closes (with ten, `10` could arrive after the close and be requeued).
        let queue = try await filledQueue("decide", count: 9, on: connection)
        // Even ids are acked where they arrive; odd ones go to the async sequence.
        let consumer = try await connection.consume(queue: queue, prefetch: 20) { delivery in
            (Int(delivery.properties.messageID ?? "") ?? 0) % 2 == 0 ? .ack() : .passOn
        }
        var passedOn: [String] = []
        for try await delivery in consumer {
            passedOn.append(delivery.properties.messageID ?? "?")
            consumer.ack(delivery)
            if passedOn.count == 5 { break }
        }
        #expect(passedOn == ["1", "3", "5", "7", "9"])
        await connection.close()
        #expect(try await remaining(QueueSpec(name: queue)) == 0)
    }

    @Test func laterLeavesDeliveriesUnackedUntilAMultipleAck() async throws {
        let connection = try await AMQPConnection.connect(to: BrokerTestEnvironment.url, name: "deciding", logger: logger)
        let queue = try await filledQueue("later", count: 10, on: connection)
        // 1…6 held, 7 acks 1…7 at once, 8…10 held and never acked.
        let consumer = try await connection.consume(queue: queue, prefetch: 20) { delivery in
            switch Int(delivery.properties.messageID ?? "") ?? 0 {
            case 7: .ack(multiple: true)
            case 10: .passOn
            default: .later
            }
        }
        for try await _ in consumer { break }
        await connection.close()
        // 8, 9 and 10 were never acked: closing the connection gave them back.
        #expect(try await remaining(QueueSpec(name: queue)) == 3)
    }

    @Test func rejectedThereIsDeadLettered() async throws {
        let connection = try await AMQPConnection.connect(to: BrokerTestEnvironment.url, name: "deciding", logger: logger)
        let dead = BrokerTestEnvironment.uniqueName("decide-dead")
        let exchange = dead + ".x"
        try await connection.declareExchange(exchange, kind: .fanout, durable: false)
        try await connection.declareQueue(QueueSpec(name: dead))
        try await connection.bindQueue(dead, to: exchange, routingKey: "")
        let queue = BrokerTestEnvironment.uniqueName("decide-reject")
        let spec = QueueSpec(name: queue, deadLetterExchange: exchange)
        try await connection.declareQueue(spec)
        _ = await connection.publishEach((1...4).map {
            OutgoingMessage(exchange: "", routingKey: queue, body: [UInt8(ascii: "x")], properties: MessageProperties(messageID: "\($0)"))
        })
        let seen = Atomic<Int>(0)
        let consumer = try await connection.consume(queue: queue, prefetch: 10) { _ in
            seen.add(1, ordering: .relaxed).newValue == 4 ? .passOn : .reject()
        }
        for try await last in consumer {
            consumer.ack(last)
            break
        }
        // Dead-lettering happens inside the broker a moment after the reject.
        var deadLettered = 0
        for _ in 0..<50 {
            deadLettered = try await connection.declareQueue(QueueSpec(name: dead)).messageCount
            if deadLettered == 3 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(deadLettered == 3)
        try await connection.deleteQueue(dead)
        try await connection.deleteExchange(exchange)
        await connection.close()
        #expect(try await remaining(spec) == 0)
    }
}
