import Foundation

/// The server's answer to a transition (docs/protocol.md, "Transitions").
public struct TransitionReply: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Applied: `state` is the order's new state.
        case accepted
        /// The order's state forbids the event: `reason` (and `rule`) say why.
        case rejected
        /// The message id was applied before; nothing changed. `state` is the current one.
        case duplicate
    }

    public var status: Status
    public var order_id: String
    public var event: String
    public var state: String
    public var reason: String?
    public var rule: String?

    static func decode(_ body: [UInt8]) throws -> TransitionReply {
        try JSONDecoder().decode(TransitionReply.self, from: Data(body))
    }
}

public enum TransitionClientError: Error, CustomStringConvertible, Sendable {
    /// No answer in time: the server may be down, or the event may still be applied.
    case noAnswer(messageID: String, after: Duration)

    public var description: String {
        switch self {
        case .noAnswer(let id, let after):
            return "no answer from the server within \(after) (is `wo serve` running?); the event may still be applied: "
                + "send it again with --message-id \(id) to find out without applying it twice"
        }
    }
}
