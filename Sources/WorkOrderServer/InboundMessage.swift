import AMQPClient
import Foundation
import WorkOrderCore
import WorkOrderTopology

/// A transition published to `wo.transitions` by a worker or staff tool.
public struct TransitionMessage: Codable, Sendable {
    public var schemaVersion: Int
    public var orderID: String
    public var event: String
    public var actor: Actor
    public var fields: [String: JSONValue]

    public init(orderID: String, event: String, actor: Actor, fields: [String: JSONValue] = [:]) {
        self.schemaVersion = 1
        self.orderID = orderID
        self.event = event
        self.actor = actor
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case orderID = "order_id"
        case event, actor, fields
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        orderID = try c.decode(String.self, forKey: .orderID)
        event = try c.decode(String.self, forKey: .event)
        actor = try c.decode(Actor.self, forKey: .actor)
        fields = try c.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
    }
}

/// What a delivery turned out to be, before any workflow logic.
enum InboundMessage {
    case intake(IntakeRequest)
    case transition(TransitionMessage)
    /// Unusable as sent: dead-lettered with this reason.
    case invalid(String)

    static let supportedSchemaVersion = 1

    /// Decodes strictly: every way a body can be wrong gets a reason a person can act on.
    static func decode(_ delivery: Delivery, maxBodyBytes: Int) -> InboundMessage {
        guard delivery.body.count <= maxBodyBytes else {
            return .invalid("body of \(delivery.body.count) bytes exceeds the limit of \(maxBodyBytes)")
        }
        guard String(validating: delivery.body, as: UTF8.self) != nil else {
            return .invalid("body is not UTF-8")
        }
        let data = Data(delivery.body)
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            return .invalid("body is not a JSON object")
        }
        let decoder = JSONDecoder()
        do {
            if delivery.exchange == BrokerTopology.transitionsExchange {
                let message = try decoder.decode(TransitionMessage.self, from: data)
                guard message.schemaVersion == supportedSchemaVersion else {
                    return .invalid("schema_version \(message.schemaVersion) is not supported (expected \(supportedSchemaVersion))")
                }
                return .transition(message)
            }
            guard BrokerTopology.kinds.contains(delivery.routingKey) else {
                return .invalid("unknown kind '\(delivery.routingKey)' (routing key); expected one of \(BrokerTopology.kinds.joined(separator: ", "))")
            }
            let request = try decoder.decode(IntakeRequest.self, from: data)
            guard request.schemaVersion == supportedSchemaVersion else {
                return .invalid("schema_version \(request.schemaVersion) is not supported (expected \(supportedSchemaVersion))")
            }
            guard request.kind.rawValue == delivery.routingKey else {
                return .invalid("body kind '\(request.kind.rawValue)' does not match routing key '\(delivery.routingKey)'")
            }
            return .intake(request)
        } catch let error as DecodingError {
            return .invalid(Self.describe(error))
        } catch {
            return .invalid("\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "(top level)" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field '\(parent == "(top level)" ? key.stringValue : parent + "." + key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "field '\(path(context))' has the wrong type (expected \(type))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context))' is null (expected \(type))"
        case .dataCorrupted(let context):
            return "field '\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
