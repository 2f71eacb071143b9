import Testing
import WorkOrderCore
import WorkOrderWorkers

@Suite("Playbook: call-backs")
struct CallbackPlaybookTests {
    @Test func CB_06_dissatisfiedOwnerGetsARectificationAndANewCallBack() throws {
        var run = try PlaybookRun(intake(.repair, subject: "tap", ["mode": "immediate"]), playbook: staffPlaybook(SimulationOutcomes(dissatisfiedRate: 1)))
        run.run(until: { $0.count("callback_reached") == 1 })
        #expect(run.state == "calling_back")
        #expect(run.dispatches.last?.summary.hasPrefix("rectify:") == true)
        #expect(run.dispatches.last?.department == .engineering)
        // The owner is satisfied with the work redone.
        run.playbook = staffPlaybook()
        run.run()
        #expect(run.rejections == [])
        #expect(run.events.suffix(4) == ["callback_reached", "rectified", "callback_due", "callback_reached"])
        #expect(run.path == ["awaiting_technician", "on_site", "calling_back", "closed"])
    }

    @Test func CB_06_dissatisfiedComplaintOwnerIsRectifiedAndCalledBackAgain() throws {
        // A seed whose reply sample puts the complaint on the call-back list (CB-03).
        let seed = try #require((UInt64(1)...50).first { seed in
            var probe = try! PlaybookRun(intake(.complaint), seed: seed)
            probe.run()
            return probe.path.contains("calling_back")
        })
        var run = try PlaybookRun(intake(.complaint), playbook: staffPlaybook(SimulationOutcomes(dissatisfiedRate: 1)), seed: seed)
        run.run(until: { $0.count("callback_reached") == 1 })
        #expect(run.dispatches.last?.summary.hasPrefix("rectify:") == true)
        run.playbook = staffPlaybook()
        run.run()
        #expect(run.rejections == [])
        #expect(run.count("rectified") == 1)
        #expect(run.state == "closed")
    }

    @Test func CB_02_unreachedOwnerIsRetriedThenGivenUp() throws {
        var run = try PlaybookRun(intake(.paid_service, subject: "cleaning", ["service": "cleaning"]),
                                  playbook: staffPlaybook(SimulationOutcomes(unreachedRate: 1)), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.count("callback_not_reached") == shippedPolicy.callbacks.maxAttempts)
        #expect(run.count("callback_retry_due") == shippedPolicy.callbacks.maxAttempts - 1)
        #expect(run.state == "closed")
    }

    @Test func CB_04_CB_05_reachedAnswerFollowsTheScriptOnTheScale() {
        var random = SeededRandom(seed: 11)
        let book = staffPlaybook()
        for round in 1...20 {
            let answer = book.callbackAnswer(kind: .repair, round: round, now: t0, random: &random)
            #expect(answer.event == "callback_reached")
            #expect(answer.fields["script_followed"] == true)
            #expect(answer.fields["form"] == "phone")
            guard case .string(let level)? = answer.fields["satisfaction"] else { Issue.record("no level"); continue }
            #expect(shippedPolicy.satisfaction.isSatisfied(level))
        }
        let unhappy = staffPlaybook(SimulationOutcomes(dissatisfiedRate: 1)).callbackAnswer(kind: .repair, round: 1, now: t0, random: &random)
        #expect(unhappy.fields["satisfaction"] == "dissatisfied")
    }

    @Test func satisfactionScaleInitialiserUsesTheGivenScale() {
        var random = SeededRandom(seed: 5)
        let book = StaffPlaybook(outcomes: SimulationOutcomes(dissatisfiedRate: 1), satisfactionLevels: ["good", "bad"], satisfiedLevels: ["good"])
        #expect(book.callbackAnswer(kind: .complaint, round: 1, now: t0, random: &random).fields["satisfaction"] == "bad")
    }
}
