import Foundation

/// A task as a department receives it on `wo.dispatch.<department>` (docs/protocol.md).
public struct DispatchedTask: Codable, Hashable, Sendable {
    public var schema_version: Int
    public var order_id: String
    public var kind: String
    public var state: String
    public var department: String
    public var site: String
    public var household: TaskHousehold
    public var owner: TaskOwner
    public var subject: String
    public var summary: String
    public var due_by_ms: Int64?
    /// The server's clock when it dispatched (its scaled clock under `--time-scale`).
    public var at_ms: Int64

    public struct TaskHousehold: Codable, Hashable, Sendable {
        public var building: String
        public var unit: String
        public var room: String

        public var label: String { "\(building)-\(unit)-\(room)" }
    }

    public struct TaskOwner: Codable, Hashable, Sendable {
        public var name: String
        public var phone: String
    }

    /// Decodes a dispatch body; the error says what is wrong, for the worker's log.
    public static func decode(_ body: [UInt8]) throws -> DispatchedTask {
        try JSONDecoder().decode(DispatchedTask.self, from: Data(body))
    }
}
