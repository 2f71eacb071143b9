/// What a transition asks the shell to do. The shell runs them in order with a single
/// `switch`; the core never does I/O itself.
public enum WorkflowAction: Hashable, Codable, Sendable {
    /// Write a line to the order's history (work transfer slip, duty log, ...).
    case record(String)
    /// Send a task to a department's queue.
    case dispatch(to: Department, task: DispatchTask)
    /// Start (or restart) a deadline. Arming an armed `TimerID` replaces its deadline.
    case armTimer(TimerID, due: Instant)
    case cancelTimer(TimerID)
    /// Tell a role something now.
    case notify(role: Role, reason: String)
    /// Pass the order up the escalation chain; `level` counts from 1 (the first role).
    case escalate(to: Role, level: Int, reason: String)
    /// A reply to the owner is given / recorded in this form (IN-03).
    case replyToOwner(form: ContactForm, content: String)
    /// A history note the reports read: the sentence is rendered from the fact.
    case fact(HistoryFact)
    /// Open another work order linked to this one; `fields` are the new order's intake
    /// fields (what its kind needs to open), `subject` its own subject (nil: the parent's),
    /// `reason` its content. If it cannot open, neither does this step.
    case openLinkedOrder(kind: OrderKind, subject: String? = nil, reason: String, link: OrderLink, fields: [String: JSONValue] = [:])
    /// Put a call-back on customer service's list.
    case scheduleCallback(round: Int, due: Instant, by: Role)
    /// A call-back fell due (or is to be tried again): hand the caller the task and script.
    case callbackDue(round: Int, attempt: Int, by: Role)
    /// Collect a fee (never in cash by a technician: REP-04). Amounts are in fen (0.01 yuan).
    case charge(amountFen: Int, item: String, ticket: String?)
    /// Return a deposit (REN-05).
    case refundDeposit(amountFen: Int, reason: String)
}

/// A task sent to a department.
public struct DispatchTask: Hashable, Codable, Sendable {
    public var summary: String
    public var dueBy: Instant?

    public init(summary: String, dueBy: Instant? = nil) {
        self.summary = summary
        self.dueBy = dueBy
    }
}

/// A link between two orders (IN-04, CMP-13, HELP-05, MOV-05, PAID-03).
public struct OrderLink: Hashable, Codable, Sendable {
    public var relation: Relation
    /// The other order's id.
    public var order: String

    public init(_ relation: Relation, _ order: String) {
        self.relation = relation
        self.order = order
    }

    public enum Relation: String, Hashable, Codable, Sendable {
        /// IN-04: the same problem reported again (or to another department).
        case repeat_report_of
        /// CMP-13: a dissatisfied owner's new complaint about an earlier one.
        case recomplaint_of
        /// HELP-05: the order a help request became.
        case opened_from_help
        /// MOV-05: a repair order for a defect found at move-in inspection.
        case defect_of_move_in
        /// PAID-03: one visit of a monthly contract.
        case visit_of_contract
        /// CMP-02, CMP-03: one household's complaint bound to the collective complaint of
        /// the same event (the order that made it collective, where the report is filed).
        case member_of_collective
    }
}
