import Testing
import WorkOrderCore

@Suite("Call-backs")
struct CallbackTests {
    static let satisfied: [String: JSONValue] = ["form": "phone", "script_followed": true, "satisfaction": "satisfied"]

    /// A repair of `category` completed one hour after it was opened; returns the completion time.
    func completedRepair(_ category: String) throws -> (Scenario, Instant, [WorkflowAction]) {
        var (s, _) = try Scenario.open(intake(.repair, subject: "fault", fields: ["mode": "immediate", "category": .string(category)]))
        _ = try s.send("on_site", by: technician, after: minutes(10))
        let actions = try s.send("completed", by: technician, after: minutes(50), ["owner_accepted": true, "owner_signature": "Zhang", "fee_fen": 0])
        return (s, s.now, actions)
    }

    @Test func CB_01_emergencyRepairCalledBackWithin24hAndAgain2DaysLater() throws {
        var (s, done, actions) = try completedRepair("emergency")
        #expect(Array(actions.suffix(2)) == [
            .scheduleCallback(round: 1, due: done + days(1), by: .cs_staff), .armTimer(timer(.callback), due: done + days(1)),
        ])
        #expect(try s.fire(.callback, at: done + days(1)) == [.callbackDue(round: 1, attempt: 1, by: .cs_staff)])
        #expect(try s.send("callback_reached", by: staff, after: hours(1), Self.satisfied) == [
            .fact(.callbackAnswered(round: 1, form: .phone, by: "zhao.cs", satisfaction: "satisfied", ownerSigned: false)),
            .scheduleCallback(round: 2, due: done + days(3), by: .cs_staff),
            .armTimer(timer(.callback), due: done + days(3)),
        ])
        #expect(try s.send("callback_reached", by: staff, after: days(2), Self.satisfied) == [
            .cancelTimer(timer(.callback)), .fact(.callbackAnswered(round: 2, form: .phone, by: "zhao.cs", satisfaction: "satisfied", ownerSigned: false)),
        ])
        #expect(s.order.stateName == "closed")
    }

    @Test func CB_02_leakRepairCalledBack3DaysAfterTheLeakTest() throws {
        var (s, _, actions) = try completedRepair("leak")
        #expect(actions.last == .dispatch(to: .engineering, task: DispatchTask(summary: "leak test")))
        #expect(s.order.stateName == "awaiting_leak_test")
        let tested = s.now + days(1)
        #expect(try s.send("leak_test_passed", by: technician, after: days(1)) == [
            .record("leak test passed"),
            .scheduleCallback(round: 1, due: tested + days(3), by: .cs_staff),
            .armTimer(timer(.callback), due: tested + days(3)),
        ])
    }

    @Test(arguments: ["safety_facility", "other"])
    func CB_02_otherRepairsCalledBackWithin2DaysAndSupervisorWithin24h(category: String) throws {
        let (_, done, actions) = try completedRepair(category)
        #expect(Array(actions.suffix(3)) == [
            .notify(role: .engineering_supervisor, reason: "call the owner about this repair by \(local(done + days(1)))"),
            .scheduleCallback(round: 1, due: done + days(2), by: .cs_staff),
            .armTimer(timer(.callback), due: done + days(2)),
        ])
    }

    @Test func CB_04_callBackFollowsTheScript() throws {
        let (s, _, _) = try completedRepair("other")
        #expect(s.rejection("callback_reached", by: staff, ["form": "phone", "satisfaction": "satisfied"])?.code == .missing_field)
        #expect(s.rejection("callback_reached", by: staff, ["form": "phone", "satisfaction": "satisfied", "script_followed": false])?.rule == "CB-04")
        #expect(s.rejection("callback_reached", by: staff, ["form": "phone", "satisfaction": "great", "script_followed": true])?.code == .invalid_field)
    }

    @Test func CB_05_homeVisitSignedPhoneRecordsTheStaffName() throws {
        var (s, _, _) = try completedRepair("other")
        #expect(s.rejection("callback_reached", by: staff, ["form": "home_visit", "satisfaction": "satisfied", "script_followed": true])?.rule == "CB-05")
        #expect(s.rejection("callback_reached", by: staff, ["form": "on_the_spot", "satisfaction": "satisfied", "script_followed": true])?.rule == "CB-05")
        #expect(try s.send("callback_reached", by: staff, ["form": "home_visit", "owner_signed": true, "satisfaction": "very_satisfied", "script_followed": true]) == [
            .cancelTimer(timer(.callback)), .fact(.callbackAnswered(round: 1, form: .home_visit, by: "zhao.cs", satisfaction: "very_satisfied", ownerSigned: true)),
        ])
    }

    @Test func CB_06_dissatisfiedOpensRectificationAndANewCallBack() throws {
        var (s, _, _) = try completedRepair("other")
        _ = try s.fire(.callback, at: s.now + days(2))
        #expect(try s.send("callback_reached", by: staff, ["form": "phone", "satisfaction": "dissatisfied", "script_followed": true]) == [
            .fact(.callbackAnswered(round: 1, form: .phone, by: "zhao.cs", satisfaction: "dissatisfied", ownerSigned: false)),
            .notify(role: .butler, reason: "owner dissatisfied at call-back round 1: visit the owner"),
            .dispatch(to: .engineering, task: DispatchTask(summary: "rectify: owner dissatisfied at call-back round 1")),
        ])
        #expect(try s.send("rectified", by: technician, after: days(1), ["note": "resealed"]) == [
            .record("rectification done: resealed"),
            .scheduleCallback(round: 2, due: s.now + days(1), by: .cs_staff),
            .armTimer(timer(.callback), due: s.now + days(1)),
        ])
        _ = try s.send("callback_reached", by: staff, after: days(1), Self.satisfied)
        #expect(s.order.stateName == "closed")
    }

    @Test func CB_07_aQuestionNotSolvableNowGetsADefiniteTime() throws {
        var (s, _, _) = try completedRepair("other")
        var fields = Self.satisfied
        fields["open_question"] = "when is the lift replaced?"
        #expect(s.rejection("callback_reached", by: staff, fields)?.rule == "CB-07")
        let answerBy = s.now + days(5)
        fields["answer_by"] = JSONValue(answerBy)
        #expect(try s.send("callback_reached", by: staff, fields) == [
            .cancelTimer(timer(.callback)),
            .fact(.callbackAnswered(round: 1, form: .phone, by: "zhao.cs", satisfaction: "satisfied", ownerSigned: false)),
            .notify(role: .cs_supervisor, reason: "owner's question to answer by \(local(answerBy)): when is the lift replaced?"),
            .scheduleCallback(round: 2, due: answerBy, by: .cs_staff),
            .armTimer(timer(.callback), due: answerBy),
        ])
    }

    @Test func CB_03_ownerNotReachedIsRetriedThenCallBacksEnd() throws {
        var (s, _, _) = try completedRepair("other")
        _ = try s.fire(.callback, at: s.now + days(2))
        #expect(try s.send("callback_not_reached", by: staff) == [
            .record("call-back round 1: owner not reached (attempt 1 of 3)"), .armTimer(timer(.callback_retry), due: s.now + hours(2)),
        ])
        #expect(try s.fire(.callback_retry, at: s.now + hours(2)) == [.callbackDue(round: 1, attempt: 2, by: .cs_staff)])
        _ = try s.send("callback_not_reached", by: staff)
        #expect(try s.send("callback_not_reached", by: staff, ["note": "number disconnected"]) == [
            .record("call-back round 1: owner not reached (attempt 3 of 3): number disconnected; call-backs end unreached"),
        ])
        #expect(s.order.stateName == "closed")
    }

    @Test func CB_03_majorComplaintsAlwaysCalledBackOthersBySampling() throws {
        for (severity, sample, expected) in [("major", 0.99, "calling_back"), ("minor", 0.2, "calling_back"), ("minor", 0.8, "closed")] {
            var (s, _) = try Scenario.open(intake(.complaint))
            _ = try s.send("classified", by: supervisor, ["class": "valid", "severity": .string(severity)])
            _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(t0 + days(1))])
            _ = try s.send("handled", by: staff, ["summary": "done"])
            _ = try s.send("replied", by: supervisor, ["form": "phone", "content": "done", "callback_sample": .number(sample)])
            #expect(s.order.stateName == expected, "\(severity) sample \(sample)")
        }
    }

    @Test func CB_01_lifecycleTableIsWhatTheMachineRuns() {
        let table = CallbackLifecycle.transitionTable
        #expect(table.states == ["scheduled", "due", "satisfied", "rectifying", "unreachable"])
        #expect(table.allows("rectified", from: "rectifying"))
        #expect(!table.allows("rectified", from: "due"))
    }
}
