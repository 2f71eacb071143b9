import Testing
import WorkOrderCore

@Suite("Collective complaints, report-back, re-complaints")
struct CollectiveComplaintTests {
    @Test func CMP_02_fiveHouseholdsAtOnceIsCollective() throws {
        let policy = PolicySet(version: "test").complaint
        let reports = (1...5).map { CollectiveComplaintDetector.Report(household: "3-1-\($0)0\($0)", event: "lift-2 broken", at: t0 + Duration.seconds($0 * 60)) }
        #expect(CollectiveComplaintDetector.isCollective(reports, policy: policy, calendar: BusinessCalendar(name: "cn-mainland")))
        #expect(!CollectiveComplaintDetector.isCollective(Array(reports.prefix(4)), policy: policy, calendar: BusinessCalendar(name: "cn-mainland")))
        let sameHousehold = reports.map { CollectiveComplaintDetector.Report(household: "3-1-101", event: $0.event, at: $0.at) }
        #expect(!CollectiveComplaintDetector.isCollective(sameHousehold, policy: policy, calendar: BusinessCalendar(name: "cn-mainland")))
        let spread = reports.enumerated().map { CollectiveComplaintDetector.Report(household: $1.household, event: $1.event, at: t0 + Duration.seconds($0 * 7200)) }
        #expect(!CollectiveComplaintDetector.isCollective(spread, policy: policy, calendar: BusinessCalendar(name: "cn-mainland")))
        let (s, _) = try Scenario.open(intake(.complaint, fields: ["households": 4]))
        guard case .complaint(let state) = s.order.state else { return }
        #expect(!state.file.collective)
    }

    @Test func CMP_03_collectiveComplaintGoesUpAtOnceAndIsRepliedByHomeVisit() throws {
        var (s, actions) = try Scenario.open(intake(.complaint, fields: ["households": 6]))
        #expect(Array(actions.suffix(5)) == [
            .record("collective complaint: 6 households"),
            .notify(role: .site_director, reason: "collective complaint (6 households)"),
            .notify(role: .deputy_gm, reason: "collective complaint (6 households)"),
            .notify(role: .complaint_centre, reason: "collective complaint (6 households)"),
            .armTimer(timer(.collective_report), due: s.due(.sameDay)),
        ])
        _ = try s.send("classified", by: supervisor, ["class": "valid", "severity": "major"])
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(t0 + days(1))])
        #expect(s.rejection("handled", by: staff, ["summary": "done"])?.rule == "CMP-03")
        #expect(s.rejection("collective_reported", by: supervisor, ["reply_at": JSONValue(t0 + days(1)), "incident_report": "SR-1"])?.code == .not_permitted)
        #expect(try s.send("collective_reported", by: director, after: hours(1), ["reply_at": JSONValue(t0 + days(1)), "incident_report": "SR-1"]) == [
            .cancelTimer(timer(.collective_report)),
            .armTimer(timer(.reply), due: t0 + days(1)),
            .record("special incident report SR-1 filed; households contacted, reply agreed for \(local(t0 + days(1)))"),
        ])
        _ = try s.send("handled", by: staff, ["summary": "lift repaired"])
        #expect(s.rejection("replied", by: supervisor, ["form": "phone", "content": "lift repaired"])?.rule == "CMP-03")
        let reply = try s.send("replied", by: supervisor, ["form": "home_visit", "owner_signed": true, "content": "lift repaired"])
        #expect(reply.contains(.replyToOwner(form: .home_visit, content: "lift repaired")))
        #expect(s.order.stateName == "calling_back")  // major: always called back
    }

    @Test func CMP_12_passedDownComplaintReportedBackWithin12h() throws {
        var (s, _) = try Scenario.open(intake(.complaint, fields: ["passed_down_by_centre": true]))
        _ = try s.send("classified", by: supervisor, ["class": "valid", "severity": "minor"])
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(t0 + days(1))])
        let handled = try s.send("handled", by: staff, after: hours(1), ["summary": "done"])
        #expect(handled.last == .armTimer(timer(.report_back), due: s.now + hours(12)))
        #expect(s.rejection("replied", by: supervisor, ["form": "phone", "content": "done"])?.rule == "CMP-12")
        #expect(try s.fire(.report_back, at: s.now + hours(12)) == [
            .notify(role: .complaint_centre, reason: "report-back is overdue"),
            .notify(role: .cs_supervisor, reason: "report back to the complaint centre now"),
        ])
        #expect(try s.send("reported_back", by: supervisor) == [
            .cancelTimer(timer(.report_back)), .notify(role: .complaint_centre, reason: "result reported back"),
        ])
        _ = try s.send("replied", by: supervisor, ["form": "phone", "content": "done"])
    }

    @Test func CMP_13_dissatisfiedOwnerOpensALinkedComplaint() throws {
        var (s, _) = try Scenario.open(intake(.complaint))
        _ = try s.send("classified", by: supervisor, ["class": "valid", "severity": "major"])
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(t0 + days(1))])
        _ = try s.send("handled", by: staff, ["summary": "done"])
        _ = try s.send("replied", by: supervisor, ["form": "phone", "content": "done"])
        let actions = try s.send("callback_reached", by: staff, after: days(1),
                                 ["form": "phone", "script_followed": true, "satisfaction": "dissatisfied"])
        #expect(actions == [
            .cancelTimer(timer(.callback)),
            .fact(.callbackAnswered(round: 1, form: .phone, by: "zhao.cs", satisfaction: "dissatisfied", ownerSigned: false)),
            .notify(role: .butler, reason: "owner dissatisfied at call-back round 1: visit the owner"),
            .dispatch(to: .customer_service, task: DispatchTask(summary: "rectify: owner dissatisfied at call-back round 1")),
            .openLinkedOrder(kind: .complaint, reason: "owner dissatisfied with the result", link: OrderLink(.recomplaint_of, "WO-1")),
        ])
        let (again, _) = try Scenario.open(intake(.complaint, fields: ["previous_order": "WO-1"]), id: "WO-2")
        #expect(again.order.links == [OrderLink(.recomplaint_of, "WO-1")])
    }
}
