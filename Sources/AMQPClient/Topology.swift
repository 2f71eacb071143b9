public enum ExchangeKind: String, Sendable {
    case direct, topic, fanout, headers
}

/// The queue types RabbitMQ offers; the default for this project's queues is quorum-free
/// classic v2, which is fast on one node.
public enum QueueType: Hashable, Sendable {
    case classic
    case classicV2
    case quorum
}

/// Everything needed to declare a queue. Durable by default.
public struct QueueSpec: Hashable, Sendable {
    public var name: String
    public var type: QueueType
    public var durable: Bool
    public var exclusive: Bool
    public var autoDelete: Bool
    /// Where rejected or expired messages go (`x-dead-letter-exchange`).
    public var deadLetterExchange: String?
    public var deadLetterRoutingKey: String?
    public var messageTTLMilliseconds: Int?
    public var extraArguments: FieldTable
    /// Only check that the queue exists (and read its counts): needs no configure
    /// permission, and a missing queue is a 404 instead of being created.
    public var passive: Bool

    public init(
        name: String,
        type: QueueType = .classicV2,
        durable: Bool = true,
        exclusive: Bool = false,
        autoDelete: Bool = false,
        deadLetterExchange: String? = nil,
        deadLetterRoutingKey: String? = nil,
        messageTTLMilliseconds: Int? = nil,
        extraArguments: FieldTable = [:],
        passive: Bool = false
    ) {
        self.passive = passive
        self.name = name
        self.type = type
        self.durable = durable
        self.exclusive = exclusive
        self.autoDelete = autoDelete
        self.deadLetterExchange = deadLetterExchange
        self.deadLetterRoutingKey = deadLetterRoutingKey
        self.messageTTLMilliseconds = messageTTLMilliseconds
        self.extraArguments = extraArguments
    }

    var arguments: FieldTable {
        var args = extraArguments
        switch type {
        case .classic: break
        case .classicV2: args["x-queue-version"] = .int(2)
        case .quorum: args["x-queue-type"] = .string("quorum")
        }
        if let dlx = deadLetterExchange { args["x-dead-letter-exchange"] = .string(dlx) }
        if let key = deadLetterRoutingKey { args["x-dead-letter-routing-key"] = .string(key) }
        if let ttl = messageTTLMilliseconds { args["x-message-ttl"] = .int(Int64(ttl)) }
        return args
    }
}

/// The counts the broker reports when a queue is declared.
public struct QueueInfo: Hashable, Sendable {
    public var name: String
    public var messageCount: Int
    public var consumerCount: Int
}
