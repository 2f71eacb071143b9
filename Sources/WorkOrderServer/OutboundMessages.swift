import Foundation
import WorkOrderCore
import WorkOrderStore

/// The JSON bodies the server publishes (docs/protocol.md). Every body carries
/// `schema_version`; the AMQP `type` property names the message.
enum OutboundMessages {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    struct Dispatch: Encodable {
        var schema_version = 1
        var order_id: String
        var kind: String
        var state: String
        var department: String
        var site: String
        var household: Household
        var owner: Owner
        var subject: String
        var summary: String
        var due_by_ms: Int64?
        var at_ms: Int64
    }

    struct Event: Encodable {
        var schema_version = 1
        var order_id: String
        var kind: String
        var state: String
        var event: String
        var actor: String
        var at_ms: Int64
        var detail: String
    }

    struct Followup: Encodable {
        var schema_version = 1
        var type: String
        var order_id: String
        var kind: String
        var site: String
        var role: String
        var level: Int?
        var reason: String
        var due_ms: Int64?
        var at_ms: Int64
    }

    /// A call-back that fell due, for the call-back desk (`wo callbacks`): who to call,
    /// the script to follow (CB-04), the scale to answer on, and how to report back.
    struct CallbackTask: Encodable {
        var schema_version = 1
        var type = "callback"
        var order_id: String
        var kind: String
        var site: String
        var household: Household
        var owner: Owner
        var subject: String
        var round: Int
        var attempt: Int
        var max_attempts: Int
        var role: String
        var script: [CallbackScriptLine]
        var satisfaction_scale: [String]
        var forms: [String]
        var at_ms: Int64
    }

    struct Reply: Encodable {
        var schema_version = 1
        var status: String
        var order_id: String
        var event: String
        var state: String
        var reason: String?
        var rule: String?
    }

    static func body(_ value: some Encodable) -> [UInt8] {
        Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}
