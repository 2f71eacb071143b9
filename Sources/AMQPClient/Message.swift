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
    /// The broker user the publisher logged in as. RabbitMQ refuses a message whose
    /// `user_id` differs from the connection's user, so on a delivery it names the
    /// sender for certain (when set at all).
    public var userID: String?
    /// Seconds since the epoch.
    public var timestamp: UInt64?
    public var expiration: String?
    public var headers: FieldTable
    /// On a delivery: the properties among `message_id`, `correlation_id` and `reply_to`
    /// (and `user_id`) that were not UTF-8 (their strings above are then lossy and must not be trusted).
    public var malformed: [String] = []

    public init(
        contentType: String? = "application/json",
        persistent: Bool = true,
        messageID: String? = nil,
        correlationID: String? = nil,
        replyTo: String? = nil,
        type: String? = nil,
        appID: String? = nil,
        userID: String? = nil,
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
        self.userID = userID
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

extension OutgoingMessage {
    /// AMQP short strings (exchange, routing key, most properties, header names) hold 255 bytes.
    public static let maxShortString = 255
    /// RabbitMQ's default `max_message_size` (128 MiB) is far above anything this project
    /// sends; a body this large is certainly a mistake.
    public static let maxBodyBytes = 16 * 1024 * 1024

    /// Why the message cannot go on the wire, or nil.
    public var wireProblem: String? {
        let shortStrings: [(String, String?)] = [
            ("exchange", exchange), ("routing key", routingKey), ("content_type", properties.contentType),
            ("message_id", properties.messageID), ("correlation_id", properties.correlationID), ("reply_to", properties.replyTo),
            ("type", properties.type), ("app_id", properties.appID), ("user_id", properties.userID), ("expiration", properties.expiration),
        ]
        for case let (name, value?) in shortStrings where value.utf8.count > Self.maxShortString {
            return "\(name) of \(value.utf8.count) bytes exceeds AMQP's limit of \(Self.maxShortString)"
        }
        for key in properties.headers.keys where key.utf8.count > Self.maxShortString {
            return "a header name of \(key.utf8.count) bytes exceeds AMQP's limit of \(Self.maxShortString)"
        }
        if body.count > Self.maxBodyBytes {
            return "body of \(body.count) bytes exceeds the limit of \(Self.maxBodyBytes)"
        }
        return nil
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
