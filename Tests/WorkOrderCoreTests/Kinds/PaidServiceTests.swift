import Testing
import WorkOrderCore

@Suite("Paid services")
struct PaidServiceTests {
    let visitAt = t0 + days(1)

    func quoted(_ service: String = "cleaning") throws -> Scenario {
        var (s, _) = try Scenario.open(intake(.paid_service, subject: "deep clean", fields: ["service": .string(service)]))
        _ = try s.send("quoted", by: teamLeader, ["items": ["kitchen", "windows"], "area": "90 m2", "scheduled_at": JSONValue(visitAt), "fee_fen": 30000])
        return s
    }

    @Test func PAID_01_teamLeaderPricesOnSiteAndATicketComesBeforeWork() throws {
        var (s, opening) = try Scenario.open(intake(.paid_service, subject: "deep clean", fields: ["service": "cleaning"]))
        #expect(opening.last == .notify(role: .team_leader, reason: "price cleaning on site"))
        #expect(s.rejection("quoted", by: staff, ["items": ["kitchen"], "scheduled_at": JSONValue(visitAt), "fee_fen": 100])?.rule == "PAID-01")
        #expect(try s.send("quoted", by: teamLeader, ["items": ["kitchen"], "scheduled_at": JSONValue(visitAt), "fee_fen": 100]) == [
            .record("agreed: kitchen, -, at \(local(visitAt)), 100 fen"),
        ])
        #expect(s.rejection("work_started", by: teamLeader)?.rule == "PAID-01")
        #expect(try s.send("ticket_issued", by: staff, ["ticket": "T-77"]) == [
            .record("ticket T-77 issued"),
            .dispatch(to: .cleaning, task: DispatchTask(summary: "cleaning on ticket T-77", dueBy: visitAt)),
        ])
        #expect(try s.send("work_started", by: teamLeader) == [.record("work started on ticket T-77")])
    }

    @Test func PAID_02_chargedOnlyAfterTheOwnerAccepts() throws {
        var s = try quoted()
        _ = try s.send("ticket_issued", by: staff, ["ticket": "T-1"])
        _ = try s.send("work_started", by: teamLeader, after: days(1))
        #expect(s.rejection("accepted", by: staff, ["owner_signature": "Zhang"])?.rule == "PAID-02")
        #expect(try s.send("work_done", by: teamLeader, after: hours(3)) == [.notify(role: .cs_staff, reason: "ask the owner to accept the work on ticket T-1")])
        #expect(try s.send("not_accepted", by: staff, ["reason": "windows streaky"]) == [
            .record("owner did not accept: windows streaky; no charge"),
            .dispatch(to: .cleaning, task: DispatchTask(summary: "redo: windows streaky")),
        ])
        _ = try s.send("work_done", by: teamLeader, after: hours(1))
        let done = s.now
        #expect(try s.send("accepted", by: staff, ["owner_signature": "Zhang"]) == [
            .replyToOwner(form: .on_the_spot, content: "cleaning done and accepted by Zhang"),
            .charge(amountFen: 30000, item: "cleaning", ticket: "T-1"),
            .record("receipt issued for ticket T-1"),
            .scheduleCallback(round: 1, due: done + days(1), by: .cs_staff),
            .armTimer(timer(.callback), due: done + days(1)),
        ])
    }

    @Test func PAID_03_monthlyContractOpensOneTicketedOrderPerVisit() throws {
        var (s, _) = try Scenario.open(intake(.paid_service, subject: "monthly cleaning", fields: ["service": "monthly_cleaning", "monthly": true]))
        _ = try s.send("quoted", by: teamLeader, ["items": ["stairs"], "scheduled_at": JSONValue(visitAt), "fee_fen": 20000])
        #expect(s.rejection("ticket_issued", by: staff, ["ticket": "T-9"])?.rule == "PAID-03")
        #expect(try s.send("contract_started", by: staff) == [.record("monthly contract started")])
        #expect(try s.send("visit_scheduled", by: staff, ["visit_at": JSONValue(visitAt)]) == [
            .openLinkedOrder(kind: .paid_service, reason: "monthly visit 1 at \(local(visitAt)): one ticket per visit", link: OrderLink(.visit_of_contract, "WO-1"),
                             fields: ["service": "monthly_cleaning", "contract": "WO-1", "items": ["stairs"], "scheduled_at": JSONValue(visitAt), "fee_fen": 20000]),
        ])
        var (visit, opening) = try Scenario.open(
            intake(.paid_service, subject: "monthly cleaning visit 1",
                   fields: ["service": "monthly_cleaning", "contract": "WO-1", "items": ["stairs"], "scheduled_at": JSONValue(visitAt), "fee_fen": 20000]),
            id: "WO-2")
        #expect(opening.last == .record("visit of contract WO-1; issue its ticket"))
        #expect(visit.order.links == [OrderLink(.visit_of_contract, "WO-1")])
        #expect(visit.rejection("work_started", by: teamLeader)?.rule == "PAID-01")
        _ = try visit.send("ticket_issued", by: staff, ["ticket": "T-10"])
        #expect(visit.order.stateName == "ticketed")
    }

    @Test func PAID_04_everyPaidServiceIsCalledBack() throws {
        var s = try quoted("greening")
        _ = try s.send("ticket_issued", by: staff, ["ticket": "T-2"])
        _ = try s.send("work_started", by: teamLeader)
        _ = try s.send("work_done", by: teamLeader)
        _ = try s.send("accepted", by: staff, ["owner_signature": "Zhang"])
        #expect(s.order.stateName == "calling_back")
        _ = try s.send("callback_reached", by: staff, after: days(1), ["form": "phone", "satisfaction": "satisfied", "script_followed": true])
        #expect(s.order.stateName == "closed")
    }
}
