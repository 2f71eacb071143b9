extension CallbackLifecycle {
    /// The call-back lifecycle's own states and transitions (`wo workflows graph callback`).
    public static let transitionTable = TransitionTable(
        name: "callback",
        initial: ["scheduled"],
        finals: ["satisfied", "unreachable"],
        transitions: [
            Transition("scheduled", "callback_due", "due", rule: "CB-01"),
            Transition("scheduled", "callback_reached", "scheduled", rule: "CB-04"),
            Transition("scheduled", "callback_reached", "satisfied", rule: "CB-04"),
            Transition("scheduled", "callback_reached", "rectifying", rule: "CB-06"),
            Transition("due", "callback_reached", "scheduled", rule: "CB-07"),
            Transition("due", "callback_reached", "satisfied", rule: "CB-04"),
            Transition("due", "callback_reached", "rectifying", rule: "CB-06"),
            Transition("due", "callback_not_reached", "due"),
            Transition("due", "callback_retry_due", "due"),
            Transition("due", "callback_not_reached", "unreachable"),
            Transition("rectifying", "rectified", "scheduled", rule: "CB-06"),
        ])

    /// The rows an order kind adds for its `calling_back` state: every call-back event
    /// stays in `calling_back` or, when the call-backs end, leads to `closed`.
    static func embeddedTransitions(in state: String = "calling_back", closed: String = "closed") -> [Transition] {
        var rows: [Transition] = []
        for event in transitionTable.events {
            let ends = transitionTable.transitions.contains { $0.event == event && transitionTable.finals.contains($0.to) }
            rows.append(Transition(state, event, state))
            if ends { rows.append(Transition(state, event, closed)) }
        }
        return rows
    }
}
