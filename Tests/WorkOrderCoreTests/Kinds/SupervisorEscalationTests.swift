import Testing
import WorkOrderCore

@Suite("Escalation by hand (wo escalate)")
struct SupervisorEscalationTests {
    let director = Actor(id: "li.director", role: .site_director)

    @Test func supervisorEscalatesAnyOpenOrderWithoutChangingItsState() throws {
        var (s, _) = try Scenario.open(intake(.help, subject: "lost cat", fields: ["help_type": "other"]))
        let before = s.order.stateName
        let actions = try s.send("escalated", by: director, ["to": "deputy_gm", "reason": "owner is a repeat complainant", "level": 2])
        #expect(actions == [
            .record("escalated by li.director to deputy_gm: owner is a repeat complainant"),
            .escalate(to: .deputy_gm, level: 2, reason: "owner is a repeat complainant"),
        ])
        #expect(s.order.stateName == before)
    }

    @Test func staffWhoDoTheWorkCannotEscalateByHand() throws {
        let (s, _) = try Scenario.open(intake(.help, subject: "lost cat", fields: ["help_type": "other"]))
        #expect(s.rejection("escalated", by: staff, ["to": "gm", "reason": "x"])?.code == .not_permitted)
        #expect(s.rejection("escalated", by: director, ["reason": "no target"])?.code == .missing_field)
    }
}
