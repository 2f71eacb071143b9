/// A timer the shell keeps for one order. Hashable, so a timer service can key by it;
/// arming the same `TimerID` again replaces the earlier deadline.
public struct TimerID: Hashable, Codable, Sendable, CustomStringConvertible {
    public var order: String
    public var purpose: TimerPurpose

    public init(order: String, purpose: TimerPurpose) {
        self.order = order
        self.purpose = purpose
    }

    public var description: String { "\(order)/\(purpose.rawValue)" }
}

/// What a deadline is for. Each purpose fires as its own event in the transition tables.
public enum TimerPurpose: String, Codable, CaseIterable, Sendable {
    /// CMP-09: the response (staff on site / at the door) by subject.
    case response
    /// CMP-04: the CS supervisor contacts the owner of a valid complaint.
    case contact_owner
    /// CMP-03: the site director contacts the households of a collective complaint.
    case collective_report
    /// CMP-06, CMP-07: the reply to the owner.
    case reply
    /// CMP-08: "clear answer" for a major complaint.
    case answer
    /// CMP-08, CMP-14: the handling deadline.
    case handling
    /// CMP-12: report back to the company complaint centre.
    case report_back
    /// REP-01: on site within 15 minutes.
    case on_site
    /// REP-06: the engineering supervisor checks the technician arrived.
    case arrival_check
    /// HELP-02, HELP-04: the first response to a help request.
    case help_response
    /// CB-01..03: the next call-back is due.
    case callback
    /// CB-02: a call-back that was not reached is retried.
    case callback_retry
    /// CB-07: the definite time promised for an answer.
    case owner_question
    /// CMP-11, REP-01: an order escalated for a missed deadline that nobody has acted on
    /// since: when it fires, the order goes one rung higher (`escalation.climb_after`).
    case escalation
}
