import Foundation

/// A message on `wo.followups`: a call-back that fell due (`type` = `callback`), or a
/// notification or escalation for a role (docs/protocol.md).
public struct FollowupTask: Codable, Hashable, Sendable {
    public var schema_version: Int
    public var type: String
    public var order_id: String
    public var kind: String
    public var site: String
    public var role: String
    public var at_ms: Int64
    // Notifications and escalations.
    public var reason: String?
    public var level: Int?
    // Call-backs.
    public var household: DispatchedTask.TaskHousehold?
    public var owner: DispatchedTask.TaskOwner?
    public var subject: String?
    public var round: Int?
    public var attempt: Int?
    public var max_attempts: Int?
    public var script: [ScriptLine]?
    public var satisfaction_scale: [String]?

    public struct ScriptLine: Codable, Hashable, Sendable {
        public var step: String
        public var say: String
    }

    public var isCallback: Bool { type == "callback" }

    public static func decode(_ body: [UInt8]) throws -> FollowupTask {
        try JSONDecoder().decode(FollowupTask.self, from: Data(body))
    }
}
