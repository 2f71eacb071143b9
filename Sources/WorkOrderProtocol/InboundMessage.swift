import WorkOrderCore

/// The AMQP facts of a delivery the server reads, as plain values (this module does not
/// know the broker client).
public struct InboundEnvelope: Sendable {
    public enum Route: Sendable {
        /// `wo.intake`: the routing key is the kind.
        case intake
        /// `wo.transitions`.
        case transitions
    }

    public var route: Route
    public var routingKey: String
    public var messageID: String?
    public var replyTo: String?
    public var correlationID: String?
    /// Properties that arrived but could not be read (not UTF-8), by name.
    public var malformedProperties: [String]
    public var body: [UInt8]

    public init(
        route: Route, routingKey: String, messageID: String?, replyTo: String? = nil, correlationID: String? = nil,
        malformedProperties: [String] = [], body: [UInt8]
    ) {
        self.route = route
        self.routingKey = routingKey
        self.messageID = messageID
        self.replyTo = replyTo
        self.correlationID = correlationID
        self.malformedProperties = malformedProperties
        self.body = body
    }
}

/// What a delivery turned out to be, before any workflow logic.
public enum InboundMessage: Sendable {
    case intake(IntakeRequest, messageID: String)
    case transition(TransitionMessage, messageID: String, replyTo: String?, correlationID: String?)
    /// Unusable as sent: dead-lettered with the reason. `messageID` is the id when it can
    /// serve as the inbox key; nil when it is missing or malformed (then every such
    /// delivery is dead-lettered on its own).
    case invalid(ContractViolation, messageID: String?)

    /// Decodes strictly: every way a message can be wrong gets a reason a person can act on.
    public static func decode(_ envelope: InboundEnvelope, maxBodyBytes: Int) -> InboundMessage {
        if let name = envelope.malformedProperties.first {
            return .invalid(ContractViolation("AMQP \(name) is not valid UTF-8"), messageID: nil)
        }
        guard let messageID = envelope.messageID, !messageID.isEmpty else {
            return .invalid(ContractViolation("missing AMQP message_id (the idempotency key)"), messageID: nil)
        }
        do throws(ContractViolation) {
            try MessageIDs.check(messageID)
        } catch {
            return .invalid(error, messageID: nil)
        }
        do throws(ContractViolation) {
            let object = WireObject(try StrictJSON.object(envelope.body, limits: StrictJSON.Limits(maxBytes: maxBodyBytes)))
            switch envelope.route {
            case .transitions:
                if let replyTo = envelope.replyTo { try ReplyAddress.check(replyTo) }
                if let correlation = envelope.correlationID {
                    do throws(ContractViolation) {
                        try MessageIDs.rule.check(correlation, field: "correlation_id")
                    } catch {
                        throw ContractViolation("AMQP " + error.description)
                    }
                }
                let message = try TransitionMessage(wire: object)
                return .transition(message, messageID: messageID, replyTo: envelope.replyTo, correlationID: envelope.correlationID)
            case .intake:
                guard let kind = OrderKind(rawValue: envelope.routingKey) else {
                    throw ContractViolation("unknown kind '\(LogSafe.quote(envelope.routingKey, limit: 64))' (routing key); expected one of "
                        + OrderKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                let request = try IntakeRequest(wire: object)
                guard request.kind == kind else {
                    throw ContractViolation("body kind '\(request.kind.rawValue)' does not match routing key '\(kind.rawValue)'")
                }
                return .intake(request, messageID: messageID)
            }
        } catch {
            return .invalid(error, messageID: messageID)
        }
    }
}
