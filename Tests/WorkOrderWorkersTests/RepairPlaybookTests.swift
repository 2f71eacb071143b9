import Testing
import WorkOrderCore
import WorkOrderWorkers

@Suite("Playbook: repairs")
struct RepairPlaybookTests {
    @Test(arguments: ["emergency", "safety_facility", "other"])
    func immediateRepairIsDoneAcceptedAndCalledBack(category: String) throws {
        var run = try PlaybookRun(intake(.repair, subject: "pipe burst", ["mode": "immediate", "category": .string(category)]))
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["awaiting_technician", "on_site", "calling_back", "closed"])
        #expect(run.events.prefix(2) == ["on_site", "completed"])
    }

    @Test func CB_01_emergencyRepairGetsTwoCallBacks() throws {
        var run = try PlaybookRun(intake(.repair, subject: "pipe burst", ["mode": "immediate", "category": "emergency"]))
        run.run()
        #expect(run.count("callback_due") == 2)
        #expect(run.count("callback_reached") == 2)
        #expect(run.state == "closed")
    }

    @Test func REP_05_completionCarriesTheOwnersAcceptanceAndSignature() throws {
        var run = try PlaybookRun(intake(.repair, subject: "tap", ["mode": "immediate"]))
        run.run()
        let completed = try #require(run.steps.first { $0.event == "completed" })
        #expect(completed.fields["owner_accepted"] == true)
        #expect(completed.fields["owner_signature"] != nil)
        #expect(completed.actor.role == .technician)
    }

    @Test func CB_02_leakRepairWaitsForTheLeakTestDispatch() throws {
        var run = try PlaybookRun(intake(.repair, subject: "water leak", ["mode": "immediate", "category": "leak"]))
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["awaiting_technician", "on_site", "awaiting_leak_test", "calling_back", "closed"])
        #expect(run.dispatches.map(\.summary).contains("leak test"))
        #expect(run.events.prefix(3) == ["on_site", "completed", "leak_test_passed"])
    }

    @Test func appointmentRepairStartsScheduled() throws {
        let at = t0 + .seconds(24 * 3600)
        var run = try PlaybookRun(intake(.repair, subject: "door lock", ["mode": "appointment", "appointment_at": JSONValue(at)]))
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["scheduled", "on_site", "calling_back", "closed"])
    }

    @Test func REP_04_materialsAreQuotedBeforeTheWorkIsCompleted() throws {
        var run = try PlaybookRun(intake(.repair, subject: "tap", ["mode": "immediate"]), playbook: staffPlaybook(SimulationOutcomes(materialsRate: 1)))
        run.run()
        #expect(run.rejections == [])
        #expect(run.events.prefix(3) == ["on_site", "materials_quoted", "completed"])
        #expect(run.steps.first { $0.event == "completed" }?.fields["materials_used"] == true)
        #expect(run.state == "closed")
    }

    @Test func REP_03_ownerAbsentMakesANewAppointmentAndTheRepairGoesOn() throws {
        var run = try PlaybookRun(intake(.repair, subject: "tap", ["mode": "immediate"]), playbook: staffPlaybook(SimulationOutcomes(ownerAbsentRate: 1)))
        run.run(until: { $0.count("owner_absent") == 1 })
        #expect(run.path == ["awaiting_technician", "on_site", "scheduled"])
        let absent = try #require(run.steps.last)
        #expect(absent.fields["note_left"] == true)
        #expect(run.dispatches.last?.summary == "repair at new appointment")
        // The technician comes back at the new appointment and finds the owner in.
        run.playbook = staffPlaybook()
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["awaiting_technician", "on_site", "scheduled", "on_site", "calling_back", "closed"])
    }

    @Test func REP_03_newAppointmentIsTwoHoursOnAndNeverAfterTheLatestVisitTime() throws {
        let calendar = shippedPolicy.calendar(forSite: "garden-court")
        var random = SeededRandom(seed: 7)
        let evening = t0 + .seconds(11 * 3600 + 20 * 60)  // 20:20 local
        for now in [t0 + .seconds(7 * 60), evening] {
            let step = try #require(staffPlaybook(SimulationOutcomes(ownerAbsentRate: 1)).nextStep(
                kind: .repair, state: "on_site", department: .engineering, taskSummary: "immediate repair: tap",
                alreadySent: ["on_site"], now: now, random: &random))
            #expect(step.event == "owner_absent")
            guard case .number(let ms)? = step.fields["new_appointment_at"] else { Issue.record("no appointment"); continue }
            let appointment = Instant(millisecondsSinceEpoch: Int64(ms))
            #expect(appointment >= now + .seconds(2 * 3600))
            #expect(calendar.isVisitAllowed(at: appointment))
        }
        // 09:07 + 2h on the quarter hour is 11:15 the same day.
        var again = SeededRandom(seed: 7)
        let morning = staffPlaybook(SimulationOutcomes(ownerAbsentRate: 1)).nextStep(
            kind: .repair, state: "on_site", department: .engineering, taskSummary: "", alreadySent: ["on_site"],
            now: t0 + .seconds(7 * 60), random: &again)
        #expect(morning?.fields["new_appointment_at"] == JSONValue(t0 + .seconds(2 * 3600 + 15 * 60)))
    }
}
