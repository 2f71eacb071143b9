/// The deadlines an order has armed and not yet cancelled, kept by watching its own
/// actions. Used to extend a deadline (CMP-14) and to cancel what is left when an order
/// moves on.
public struct DeadlineBook: Hashable, Codable, Sendable {
    public private(set) var armed: [String: Instant] = [:]
    /// CMP-14: every extension, with who granted it and why.
    public private(set) var extensions: [DeadlineExtension] = []

    public init() {}

    public func due(_ purpose: TimerPurpose) -> Instant? { armed[purpose.rawValue] }

    mutating func track(_ actions: [WorkflowAction]) {
        for action in actions {
            switch action {
            case .armTimer(let timer, let due): armed[timer.purpose.rawValue] = due
            case .cancelTimer(let timer): armed[timer.purpose.rawValue] = nil
            default: break
            }
        }
    }

    mutating func record(_ extension: DeadlineExtension) { extensions.append(`extension`) }

    /// Cancels every armed deadline except `keeping`.
    func cancelAll(_ context: MachineContext, keeping: Set<TimerPurpose> = []) -> [WorkflowAction] {
        armed.keys.sorted().compactMap(TimerPurpose.init(rawValue:)).filter { !keeping.contains($0) }.map { context.cancel($0) }
    }
}

/// CMP-14: a deadline moved by someone allowed to, with the reason.
public struct DeadlineExtension: Hashable, Codable, Sendable {
    public var deadline: TimerPurpose
    public var from: Instant
    public var to: Instant
    public var reason: String
    public var granted: Decision
}
