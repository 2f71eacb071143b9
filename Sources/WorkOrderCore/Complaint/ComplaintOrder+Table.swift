extension ComplaintOrder {
    static let openStates = ["received", "awaiting_contact", "in_hand", "assisted"]

    public static let transitionTable = TransitionTable(
        name: "complaint",
        initial: ["received"],
        finals: ["closed"],
        transitions: [
            Transition("received", "classified", "awaiting_contact", rule: "CMP-01"),
            Transition("received", "classified", "assisted", rule: "CMP-01"),
            Transition("received", "classified", "invalid", rule: "CMP-01"),
            Transition("awaiting_contact", "contacted", "in_hand", rule: "CMP-04"),
            Transition("assisted", "reported_in_writing", "assisted", rule: "CMP-05"),
            Transition("assisted", "progress_told", "assisted", rule: "CMP-05"),
            Transition("in_hand", "handled", "handled", rule: "CMP-07"),
            Transition("assisted", "handled", "handled", rule: "CMP-05"),
            Transition("handled", "reported_back", "handled", rule: "CMP-12"),
            Transition("handled", "replied", "calling_back", rule: "CB-03"),
            Transition("handled", "replied", "closed", rule: "IN-03"),
            Transition("invalid", "replied", "calling_back", rule: "CMP-06"),
            Transition("invalid", "replied", "closed", rule: "CMP-06"),
            Transition("awaiting_contact", "contact_owner_overdue", "awaiting_contact", rule: "CMP-04"),
            Transition("handled", "report_back_overdue", "handled", rule: "CMP-12"),
        ]
            + selfLoops(openStates, "responded", rule: "CMP-09")
            + selfLoops(openStates, "response_overdue", rule: "CMP-09")
            + selfLoops(openStates, "collective_reported", rule: "CMP-03")
            + selfLoops(openStates, "collective_report_overdue", rule: "CMP-03")
            + selfLoops(openStates, "harm_contained", rule: "CMP-10")
            + selfLoops(["awaiting_contact", "in_hand", "assisted", "handled"], "cannot_solve", rule: "CMP-11")
            + selfLoops(["awaiting_contact", "in_hand"], "answer_overdue", rule: "CMP-08")
            + selfLoops(["awaiting_contact", "in_hand"], "handling_overdue", rule: "CMP-08")
            + selfLoops(openStates + ["invalid", "handled"], "reply_overdue", rule: "CMP-07")
            + selfLoops(openStates + ["invalid", "handled"], "extension_granted", rule: "CMP-14")
            + selfLoops(openStates + ["handled"], "escalation_overdue", rule: "CMP-11")
            + CallbackLifecycle.embeddedTransitions()
    )
}

/// `event` allowed in each of `states`, staying there.
func selfLoops(_ states: [String], _ event: String, rule: String? = nil) -> [Transition] {
    states.map { Transition($0, event, $0, rule: rule) }
}
