import AMQPClient
import Logging
import Synchronization
import Testing
import WOTesting

/// Stops and starts a broker of its own (port 5679) so the other suites keep theirs.
@Suite("Reconnect after the broker goes away", .serialized)
struct ReconnectTests {
    static let port = 5679
    let logger = Logger(label: "test.amqp.reconnect")

    @Test(.timeLimit(.minutes(5)))
    func noMessageLostAcrossStopAppAndStartApp() async throws {
        try BrokerControl.run("start", port: Self.port)
        let url = try AMQPURL(parsing: "amqp://guest:guest@127.0.0.1:\(Self.port)/?heartbeat=5")
        let policy = ReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        let publisher = try await AMQPConnection.connect(to: url, name: "reconnect-pub", reconnect: policy, logger: logger)
        let consumerConnection = try await AMQPConnection.connect(to: url, name: "reconnect-sub", reconnect: policy, logger: logger)
        let queue = BrokerTestEnvironment.uniqueName("reconnect")
        try await publisher.declareQueue(QueueSpec(name: queue))
        let total = 20000
        let received = Mutex<Set<Int>>([])

        let consumer = try await consumerConnection.consume(queue: queue, prefetch: 50)
        let consuming = Task {
            for try await delivery in consumer {
                if let id = Int(delivery.properties.messageID ?? "") {
                    let done = received.withLock { set -> Bool in
                        set.insert(id)
                        return set.count == total
                    }
                    consumer.ack(delivery)
                    if done { return }
                }
            }
        }

        // Publish in small batches; a batch that was not confirmed is sent again
        // (what the outbox does), so a broker outage costs duplicates, never losses.
        // The outage runs beside the publishing loop, so it hits publishes in flight.
        var outage: Task<Void, any Error>?
        var next = 0
        var retries = 0
        while next < total {
            if next >= total / 4 && outage == nil {
                outage = Task.detached {
                    try BrokerControl.run("stop-app", port: Self.port)
                    try await Task.sleep(for: .milliseconds(500))
                    try BrokerControl.run("start-app", port: Self.port)
                }
            }
            let batch = (next..<min(next + 50, total)).map {
                OutgoingMessage(exchange: "", routingKey: queue, body: Array("\($0)".utf8), properties: MessageProperties(messageID: "\($0)"))
            }
            let outcomes = await publisher.publishEach(batch)
            if outcomes.allSatisfy({ $0 == nil }) {
                next += batch.count
            } else {
                retries += 1
                let allTransient = outcomes.compactMap { $0 }.allSatisfy { $0.isTransient }
                #expect(allTransient, "\(outcomes)")
                try await Task.sleep(for: .milliseconds(100))
            }
            if retries >= 300 { Issue.record("publishing never recovered"); break }
        }
        try await outage?.value
        #expect(retries > 0, "the outage hit no publish in flight")
        try await consuming.value
        #expect(received.withLock { $0.count } == total)
        try await publisher.deleteQueue(queue)
        await publisher.close()
        await consumerConnection.close()
        try BrokerControl.run("stop", port: Self.port)
    }
}
