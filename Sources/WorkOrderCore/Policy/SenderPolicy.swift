/// Who may act as whom (`workflows/access.yaml`): the broker users the server trusts and
/// the roles each may claim on a transition.
///
/// A transition's `actor` is whatever its sender wrote; the AMQP `user_id` property is
/// not, because RabbitMQ refuses a message whose `user_id` differs from the user the
/// connection logged in as. So the server believes a claimed role only when the sender's
/// broker user may take it, and a department's user acts only on orders dispatched to
/// that department. Pure: the shell passes in the sender and the order's dispatches.
public struct SenderPolicy: Hashable, Sendable {
    public struct Sender: Hashable, Sendable {
        /// The roles this user may claim.
        public var roles: Set<Role>
        /// A department's terminal: acts only on orders dispatched to this department.
        public var department: Department?

        public init(roles: Set<Role>, department: Department? = nil) {
            self.roles = roles
            self.department = department
        }
    }

    /// How strictly senders are checked.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Every transition carries a `user_id` listed here, claiming a role it may take.
        case enforced
        /// For a developer's machine and the tests that need no users: a transition
        /// without `user_id`, or from a user not listed (guest), is believed as it claims.
        /// Listed users are still held to their roles.
        case development
    }

    /// Broker user name → what it may do.
    public var senders: [String: Sender]

    public init(senders: [String: Sender] = [:]) {
        self.senders = senders
    }

    /// Nil when `sender` may send `actor`'s transition for an order dispatched to
    /// `dispatchedTo`; otherwise why not.
    public func refusal(sender: String?, actor: Actor, dispatchedTo: Set<Department>, mode: Mode) -> Rejection? {
        guard let sender else {
            if mode == .development { return nil }
            return Rejection(.not_permitted, "the message carries no AMQP user_id, so its sender is unknown; publish it with user_id set to your broker user")
        }
        guard let allowed = senders[sender] else {
            if mode == .development { return nil }
            return Rejection(.not_permitted, "broker user \(Rejection.quoted(sender)) may not send transitions (not in access.yaml)")
        }
        guard allowed.roles.contains(actor.role) else {
            let roles = allowed.roles.map(\.rawValue).sorted().joined(separator: ", ")
            return Rejection(.not_permitted, "broker user \(Rejection.quoted(sender)) may not act as \(actor.role.rawValue); it may act as: \(roles)")
        }
        if let department = allowed.department, !dispatchedTo.contains(department) {
            return Rejection(.not_permitted, "broker user \(Rejection.quoted(sender)) acts for \(department.rawValue), and this order was not dispatched to \(department.rawValue)")
        }
        return nil
    }

    /// Whether the check needs the order's dispatches (only department users do).
    public func needsDispatches(sender: String?) -> Bool {
        sender.flatMap { senders[$0]?.department } != nil
    }
}
