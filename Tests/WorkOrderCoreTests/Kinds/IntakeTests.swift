import Testing
import WorkOrderCore

@Suite("Intake and engine rules for all kinds")
struct IntakeTests {
    let engine = WorkflowEngine(policy: PolicySet(version: "2026.1"))

    @Test func IN_01_incompleteIntakeIsRejectedNamingEveryMissingField() {
        var request = intake(.complaint)
        request.owner.phone = ""
        request.household.room = " "
        request.content = ""
        guard case .failure(let rejection) = engine.open(request, id: "WO-1", at: t0) else { Issue.record("accepted"); return }
        #expect(rejection == Rejection(.invalid_intake, "intake is missing household.room, owner.phone, content", rule: "IN-01"))
    }

    @Test func IN_01_everyRequestIsRecordedTheMomentItIsReceived() throws {
        let (s, actions) = try Scenario.open(intake(.help, subject: "lost cat", channel: .email, fields: ["help_type": "other"]))
        #expect(actions.first == receivedRecord("lost cat", via: .email))
        #expect(s.history.first?.description == "opened by zhao.cs (cs_staff): [new] → general")
        #expect(s.order.policyVersion == "test")
        #expect(s.order.openedAt == t0)
    }

    @Test func IN_02_onTheSpotHandlingReportedWithinAnHourAndLogged() throws {
        let handled = Instant(millisecondsSinceEpoch: t0.millisecondsSinceEpoch - 7_200_000)
        let (_, late) = try Scenario.open(intake(.help, subject: "door", fields: ["help_type": "other", "handled_on_spot_at": JSONValue(handled)]))
        #expect(Array(late[1...2]) == [WorkflowAction](arrayLiteral:
            .record("duty log: handled on the spot at \(local(handled))"),
            .notify(role: .cs_supervisor, reason: "on-the-spot handling reported late (after \(local(handled + hours(1))))")
        ))
        let recent = Instant(millisecondsSinceEpoch: t0.millisecondsSinceEpoch - 1_800_000)
        let (_, onTime) = try Scenario.open(intake(.help, subject: "door", fields: ["help_type": "other", "handled_on_spot_at": JSONValue(recent)]))
        #expect(onTime[1] == WorkflowAction.record("duty log: handled on the spot at \(local(recent))"))
        #expect(!onTime.contains { if case .notify(.cs_supervisor, _) = $0 { return true } else { return false } })
    }

    @Test func IN_03_noOrderEndsWithoutAReplyToTheOwner() throws {
        var (s, _) = try Scenario.open(intake(.help, subject: "lost cat", fields: ["help_type": "other"]))
        #expect(s.rejection("resolved", by: staff, ["form": "phone"])?.code == .missing_field)
        _ = try s.send("resolved", by: staff, ["form": "phone", "reply": "found it"])
        #expect(s.allActions.contains(.replyToOwner(form: .phone, content: "found it")))
        // Every path into a final state in every kind goes through an event that records a reply.
        let replying: Set<String> = ["replied", "referred", "completed", "leak_test_passed", "callback_reached", "callback_not_reached",
                                     "accepted", "contract_ended", "withdrawn", "resolved", "answered", "final_inspection", "refused", "archived"]
        for kind in OrderKind.allCases {
            let table = kind.transitionTable
            for t in table.transitions where table.finals.contains(t.to) {
                #expect(replying.contains(t.event), "\(kind.rawValue): \(t.event) ends the order")
            }
        }
        #expect(s.rejection("resolved", by: staff, ["form": "phone", "reply": "again"])?.code == .not_allowed_in_state)
    }

    @Test func IN_04_repeatedReportsAreLinkedAndHandledWithPriority() throws {
        var (s, actions) = try Scenario.open(intake(.repair, subject: "leak", fields: ["mode": "immediate"], repeatOf: ["WO-0"]))
        #expect(actions[1] == .notify(role: .cs_supervisor, reason: "repeated report of WO-0: handle with priority"))
        #expect(s.order.links == [OrderLink(.repeat_report_of, "WO-0")])
        #expect(s.order.priority)
        #expect(try s.send("repeat_reported", by: staff, ["order": "WO-7"]) == [
            .record("same problem reported again as WO-7"),
            .notify(role: .cs_supervisor, reason: "order WO-1 reported again (WO-7): handle with priority"),
        ])
        #expect(s.order.links == [OrderLink(.repeat_report_of, "WO-0"), OrderLink(.repeat_report_of, "WO-7")])
        #expect(s.order.stateName == "awaiting_technician")
    }

    @Test func unknownEventsAndMistypedFieldsAreRejectedWithReasons() throws {
        let (s, _) = try Scenario.open(intake(.repair, subject: "leak", fields: ["mode": "immediate"]))
        let unknown = s.rejection("teleported", by: technician)
        #expect(unknown?.code == .unknown_event)
        #expect(unknown?.reason.hasPrefix("'teleported' is not a repair event; expected one of on_site,") == true)
        #expect(s.rejection("owner_absent", by: technician, ["new_appointment_at": "tomorrow"])?.reason
            == "event 'owner_absent': field 'new_appointment_at' must be a whole number, got \"tomorrow\"")
        #expect(s.rejection("completed", by: technician)?.reason
            == "the technician must be on site, and the owner accept the work, before it is completed")
        #expect(throws: Rejection.self) { try s.engine.timerFired(timer(.reply), on: s.order, at: t0).get() }
        #expect(throws: Rejection.self) { try s.engine.timerFired(timer(.on_site, "WO-2"), on: s.order, at: t0).get() }
    }

    @Test func ordersAndIntakesRoundTripAsJSONValues() throws {
        let request = intake(.complaint, fields: ["households": 5, "nested": ["a": [1, true, nil]]])
        #expect(request.fields["nested"]?.description == "{\"a\": [1, true, null]}")
        #expect(OrderKind.allCases.map(\.rawValue) == ["complaint", "repair", "paid_service", "help", "renovation", "move_in"])
    }
}

/// Texts for people give the site-local date and time, never epoch milliseconds.
@Test func IN_01_theReceivedRecordGivesTheSiteLocalTime() throws {
    let engine = WorkflowEngine(policy: PolicySet(version: "test"))
    let step = try engine.open(intake(.repair, subject: "tap", fields: ["mode": "immediate", "category": "other"]), id: "WO-1", at: t0).get()
    guard case .record(let text)? = step.actions.first else {
        Issue.record("no record first")
        return
    }
    #expect(text == "received via phone from 3-2-501 at 2026-03-02 09:00: tap")
    #expect(!text.contains("ms"))
}
