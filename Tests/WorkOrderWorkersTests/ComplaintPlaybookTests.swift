import Testing
import WorkOrderCore
import WorkOrderWorkers

@Suite("Playbook: complaints")
struct ComplaintPlaybookTests {
    @Test(arguments: ["other", "public_repair", "neighbour_behaviour"])
    func CMP_01_CMP_04_validComplaintIsClassifiedContactedHandledAndReplied(subject: String) throws {
        var run = try PlaybookRun(intake(.complaint, subject: subject))
        run.run()
        #expect(run.rejections == [])
        #expect(run.path.prefix(4) == ["received", "awaiting_contact", "in_hand", "handled"])
        #expect(run.path.last == "closed")
        #expect(run.events.prefix(5) == ["responded", "classified", "contacted", "handled", "replied"])
        let byEvent = Dictionary(run.steps.map { ($0.event, $0.actor.role) }, uniquingKeysWith: { first, _ in first })
        #expect(byEvent["classified"] == .cs_supervisor)
        #expect(byEvent["contacted"] == .cs_supervisor)
    }

    @Test func CB_03_aboutHalfOfTheComplaintsAreCalledBack() throws {
        var calledBack = 0
        for seed in UInt64(1)...40 {
            var run = try PlaybookRun(intake(.complaint), seed: seed)
            run.run()
            #expect(run.rejections == [])
            #expect(run.state == "closed")
            if run.path.contains("calling_back") {
                calledBack += 1
                #expect(run.path.suffix(3) == ["handled", "calling_back", "closed"])
            } else {
                #expect(run.path.suffix(2) == ["handled", "closed"])
            }
        }
        #expect((8...32).contains(calledBack))
    }

    @Test func CMP_07_writtenComplaintIsRepliedToInWriting() throws {
        var run = try PlaybookRun(intake(.complaint, channel: .letter))
        run.run()
        #expect(run.rejections == [])
        #expect(run.state == "closed")
    }

    @Test func CMP_10_harmDispatchOnlyContainsTheHarm() throws {
        var random = SeededRandom(seed: 1)
        let book = staffPlaybook()
        let first = book.nextStep(kind: .complaint, state: "received", department: .engineering,
                                  taskSummary: "stop or limit the ongoing harm first", alreadySent: [], now: t0, random: &random)
        #expect(first?.event == "harm_contained")
        let then = book.nextStep(kind: .complaint, state: "received", department: .engineering,
                                 taskSummary: "stop or limit the ongoing harm first", alreadySent: ["harm_contained"], now: t0, random: &random)
        #expect(then == nil)
    }
}
