import AMQPClient

/// The exchanges and queues that make up the public contract with intake systems,
/// workers and observers (see docs/protocol.md). Declared by `wo serve` on start and
/// by `wo broker setup`; declaring twice is harmless.
public enum BrokerTopology {
    public static let intakeExchange = "wo.intake"
    public static let transitionsExchange = "wo.transitions"
    public static let eventsExchange = "wo.events"
    public static let deadLetterExchange = "wo.dead"
    public static let deadLetterQueue = "wo.dead-letters"
    public static let intakeQueue = "wo.server.intake"
    public static let transitionsQueue = "wo.server.transitions"
    public static let followupsQueue = "wo.followups"
    public static let departments = ["engineering", "cleaning", "greening", "security", "customer-service"]
    public static let kinds = ["complaint", "repair", "paid_service", "help", "renovation", "move_in"]

    public static func dispatchQueue(for department: String) -> String {
        "wo.dispatch.\(department)"
    }

    /// Every queue the server or a worker consumes dead-letters into `wo.dead`.
    public static func durableQueue(_ name: String) -> QueueSpec {
        QueueSpec(name: name, type: .classicV2, deadLetterExchange: deadLetterExchange)
    }

    /// Declares the topology when this broker user may (the server, guest on a
    /// developer's machine); a least-privilege user (docs/security.md) may not, and only
    /// checks that the queues it uses exist.
    public static func declareOrCheck(_ queues: [String], on connection: AMQPConnection) async throws {
        do {
            try await declare(on: connection)
        } catch AMQPError.channelClosed(replyCode: 403, _) {
            for queue in queues {
                do {
                    _ = try await connection.declareQueue(QueueSpec(name: queue, passive: true))
                } catch AMQPError.channelClosed(replyCode: 404, _) {
                    throw TopologyMissing(queue: queue, user: connection.url.user)
                }
            }
        }
    }

    public static func declare(on connection: AMQPConnection) async throws {
        try await connection.declareExchange(deadLetterExchange, kind: .fanout)
        try await connection.declareQueue(QueueSpec(name: deadLetterQueue, type: .classicV2))
        try await connection.bindQueue(deadLetterQueue, to: deadLetterExchange, routingKey: "")

        try await connection.declareExchange(intakeExchange, kind: .topic)
        try await connection.declareQueue(durableQueue(intakeQueue))
        for kind in kinds {
            try await connection.bindQueue(intakeQueue, to: intakeExchange, routingKey: kind)
        }
        // Unknown kinds still reach the server, which dead-letters them with a reason
        // instead of the broker dropping them.
        try await connection.bindQueue(intakeQueue, to: intakeExchange, routingKey: "#")

        try await connection.declareExchange(transitionsExchange, kind: .topic)
        try await connection.declareQueue(durableQueue(transitionsQueue))
        try await connection.bindQueue(transitionsQueue, to: transitionsExchange, routingKey: "#")

        try await connection.declareExchange(eventsExchange, kind: .topic)

        // Dispatch and follow-up queues are addressed directly (default exchange).
        for department in departments {
            try await connection.declareQueue(durableQueue(dispatchQueue(for: department)))
        }
        try await connection.declareQueue(durableQueue(followupsQueue))
    }
}

/// A queue a least-privilege user needs is not there, and that user may not declare it.
public struct TopologyMissing: Error, CustomStringConvertible {
    public var queue: String
    public var user: String

    public var description: String {
        "queue '\(queue)' does not exist and broker user '\(user)' may not declare it: start wo serve (or run wo broker setup as the server's user) first"
    }
}
