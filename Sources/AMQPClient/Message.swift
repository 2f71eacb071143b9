/// The basic properties of a message that this project uses.
public struct MessageProperties: Hashable, Sendable {
    public var contentType: String?
    /// Persistent (delivery mode 2) by default: the broker writes it to disk.
    public var persistent: Bool
    /// The idempotency key: a redelivered or re-sent message keeps its id.
    public var messageID: String?
    public var correlationID: String?
    public var replyTo: String?
    public var type: String?
    public var appID: String?
    /// Seconds since the epoch.
    public var timestamp: UInt64?
    public var expiration: String?
    public var headers: FieldTable

    public init(
        contentType: String? = "application/json",
        persistent: Bool = true,
        messageID: String? = nil,
        correlationID: String? = nil,
        replyTo: String? = nil,
        type: String? = nil,
        appID: String? = nil,
        timestamp: UInt64? = nil,
        expiration: String? = nil,
        headers: FieldTable = [:]
    ) {
        self.contentType = contentType
        self.persistent = persistent
        self.messageID = messageID
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.type = type
        self.appID = appID
        self.timestamp = timestamp
        self.expiration = expiration
        self.headers = headers
    }
}

/// A message to publish. `mandatory` is on by default: a message no queue takes is an
/// error (`AMQPError.unroutable`), never a silent loss.
public struct OutgoingMessage: Hashable, Sendable {
    public var exchange: String
    public var routingKey: String
    public var body: [UInt8]
    public var properties: MessageProperties
    public var mandatory: Bool

    public init(exchange: String, routingKey: String, body: [UInt8], properties: MessageProperties = .init(), mandatory: Bool = true) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.properties = properties
        self.mandatory = mandatory
    }
}

/// A message received from a queue. Settle it through the consumer that delivered it.
public struct Delivery: Sendable {
    public var body: [UInt8]
    public var properties: MessageProperties
    public var exchange: String
    public var routingKey: String
    public var redelivered: Bool
    public var tag: DeliveryTag
}

/// Identifies a delivery for ack / nack. A tag belongs to one channel of one connection
/// incarnation: after a reconnect the broker has already requeued the message, so a stale
/// tag is dropped instead of acking someone else's delivery.
public struct DeliveryTag: Hashable, Sendable {
    public var value: UInt64
    let channel: UInt16
    let generation: UInt64
}
