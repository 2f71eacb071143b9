import AMQPClient
import Logging
import Testing
import WOTesting

@Suite("Publish and consume on the real broker")
struct PublishConsumeTests {
    let logger = Logger(label: "test.amqp")

    func connect(_ name: String = "test") async throws -> AMQPConnection {
        try await AMQPConnection.connect(to: BrokerTestEnvironment.url, name: name, logger: logger)
    }

    @Test func roundTripKeepsBodyPropertiesAndHeaders() async throws {
        let connection = try await connect()
        let queue = BrokerTestEnvironment.uniqueName("roundtrip")
        try await connection.declareQueue(QueueSpec(name: queue, autoDelete: false))
        let body = Array("维修: 漏水 / leak".utf8)
        let properties = MessageProperties(messageID: "m-1", correlationID: "c-1", replyTo: "r", type: "repair", headers: ["site": "NJ-01", "n": 7, "ok": true])
        try await connection.publish(OutgoingMessage(exchange: "", routingKey: queue, body: body, properties: properties))

        let consumer = try await connection.consume(queue: queue, prefetch: 10)
        var iterator = consumer.makeAsyncIterator()
        let delivery = try #require(try await iterator.next())
        #expect(delivery.body == body)
        #expect(delivery.properties.messageID == "m-1")
        #expect(delivery.properties.correlationID == "c-1")
        #expect(delivery.properties.type == "repair")
        #expect(delivery.properties.persistent)
        #expect(delivery.properties.headers["site"] == "NJ-01")
        #expect(delivery.properties.headers["n"]?.intValue == 7)
        #expect(delivery.properties.headers["ok"] == true)
        #expect(delivery.redelivered == false)
        consumer.ack(delivery)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func everyPipelinedMessageIsConfirmed() async throws {
        let connection = try await connect()
        let queue = BrokerTestEnvironment.uniqueName("confirms")
        try await connection.declareQueue(QueueSpec(name: queue))
        let messages = (0..<5000).map { i in
            OutgoingMessage(exchange: "", routingKey: queue, body: Array("\(i)".utf8), properties: MessageProperties(messageID: "\(i)"))
        }
        let outcomes = await connection.publishEach(messages)
        #expect(outcomes.count == 5000)
        #expect(outcomes.allSatisfy { $0 == nil })
        let info = try await connection.declareQueue(QueueSpec(name: queue))
        #expect(info.messageCount == 5000)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func unroutableMandatoryPublishIsAnError() async throws {
        let connection = try await connect()
        let exchange = BrokerTestEnvironment.uniqueName("unroutable")
        try await connection.declareExchange(exchange, kind: .topic, durable: false)
        await #expect(throws: AMQPError.unroutable(exchange: exchange, routingKey: "no.such.key", replyCode: 312, replyText: "NO_ROUTE")) {
            try await connection.publish(OutgoingMessage(exchange: exchange, routingKey: "no.such.key", body: [1]))
        }
        // Routable messages around it are unaffected.
        let queue = BrokerTestEnvironment.uniqueName("routable")
        try await connection.declareQueue(QueueSpec(name: queue))
        try await connection.bindQueue(queue, to: exchange, routingKey: "yes")
        let outcomes = await connection.publishEach([
            OutgoingMessage(exchange: exchange, routingKey: "yes", body: [1]),
            OutgoingMessage(exchange: exchange, routingKey: "no", body: [2]),
            OutgoingMessage(exchange: exchange, routingKey: "yes", body: [3]),
        ])
        #expect(outcomes[0] == nil)
        #expect(outcomes[1] == .unroutable(exchange: exchange, routingKey: "no", replyCode: 312, replyText: "NO_ROUTE"))
        #expect(outcomes[2] == nil)
        try await connection.deleteQueue(queue)
        try await connection.deleteExchange(exchange)
        await connection.close()
    }

    @Test func missingExchangeGivesTheBrokersReasonAndTheConnectionGoesOn() async throws {
        let connection = try await connect()
        let missing = BrokerTestEnvironment.uniqueName("missing")
        do {
            try await connection.publish(OutgoingMessage(exchange: missing, routingKey: "x", body: [1]))
            Issue.record("publishing to a missing exchange succeeded")
        } catch let error as AMQPError {
            guard case .channelClosed(let code, let text) = error else { Issue.record("unexpected \(error)"); return }
            #expect(code == 404)
            #expect(text.contains(missing))
        }
        await #expect(throws: AMQPError.self) {
            try await connection.bindQueue("no-such-queue-\(missing)", to: missing, routingKey: "")
        }
        let queue = BrokerTestEnvironment.uniqueName("after-error")
        try await connection.declareQueue(QueueSpec(name: queue))
        try await connection.publish(OutgoingMessage(exchange: "", routingKey: queue, body: [9]))
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func unackedMessageIsRedeliveredWhenItsConsumersConnectionDies() async throws {
        let queue = BrokerTestEnvironment.uniqueName("redeliver")
        let first = try await connect("first")
        try await first.declareQueue(QueueSpec(name: queue))
        try await first.publish(OutgoingMessage(exchange: "", routingKey: queue, body: Array("task".utf8), properties: MessageProperties(messageID: "t-1")))
        var firstIterator = try await first.consume(queue: queue, prefetch: 1).makeAsyncIterator()
        let held = try #require(try await firstIterator.next())
        #expect(held.redelivered == false)
        await first.close()  // dies holding the delivery, never acked

        let second = try await connect("second")
        let consumer = try await second.consume(queue: queue, prefetch: 1)
        var iterator = consumer.makeAsyncIterator()
        let again = try #require(try await iterator.next())
        #expect(again.properties.messageID == "t-1")
        #expect(again.redelivered)
        consumer.ack(again)
        try await second.deleteQueue(queue)
        await second.close()
    }

    @Test func nackedMessageIsDeadLetteredWithTheReasonKept() async throws {
        let connection = try await connect()
        let dlx = BrokerTestEnvironment.uniqueName("dlx")
        let dlq = BrokerTestEnvironment.uniqueName("dlq")
        let queue = BrokerTestEnvironment.uniqueName("work")
        try await connection.declareExchange(dlx, kind: .fanout, durable: false)
        try await connection.declareQueue(QueueSpec(name: dlq))
        try await connection.bindQueue(dlq, to: dlx, routingKey: "")
        try await connection.declareQueue(QueueSpec(name: queue, deadLetterExchange: dlx))
        try await connection.publish(OutgoingMessage(exchange: "", routingKey: queue, body: Array("bad".utf8), properties: MessageProperties(messageID: "bad-1", headers: ["x-wo-reason": "not JSON"])))

        let consumer = try await connection.consume(queue: queue)
        var iterator = consumer.makeAsyncIterator()
        let delivery = try #require(try await iterator.next())
        consumer.nack(delivery, requeue: false)

        var deadIterator = try await connection.consume(queue: dlq).makeAsyncIterator()
        let dead = try #require(try await deadIterator.next())
        #expect(dead.properties.messageID == "bad-1")
        #expect(dead.properties.headers["x-wo-reason"] == "not JSON")
        guard case .array(let deaths) = dead.properties.headers["x-death"], case .table(let death) = deaths.first else {
            Issue.record("no x-death header: \(dead.properties.headers)")
            return
        }
        #expect(death["reason"]?.stringValue == "rejected")
        #expect(death["queue"]?.stringValue == queue)
        try await connection.deleteQueue(queue)
        try await connection.deleteQueue(dlq)
        try await connection.deleteExchange(dlx)
        await connection.close()
    }

    @Test func quorumAndClassicQueuesDeclare() async throws {
        let connection = try await connect()
        for type in [QueueType.classic, .classicV2, .quorum] {
            let name = BrokerTestEnvironment.uniqueName("type")
            let info = try await connection.declareQueue(QueueSpec(name: name, type: type))
            #expect(info.name == name)
            try await connection.deleteQueue(name)
        }
        await connection.close()
    }
}
