import Testing
import WorkOrderCore
import WorkOrderWorkers

@Suite("Playbook")
struct StaffPlaybookTests {
    static let busy = SimulationOutcomes(ownerAbsentRate: 0.3, dissatisfiedRate: 0.3, unreachedRate: 0.3, materialsRate: 0.5)

    @Test func aSeededRunIsReproducible() throws {
        func steps(seed: UInt64) throws -> [StaffStep] {
            var run = try PlaybookRun(intake(.repair, subject: "tap", ["mode": "immediate"]), playbook: staffPlaybook(Self.busy), seed: seed)
            run.run(limit: 40)
            return run.steps
        }
        #expect(try steps(seed: 42) == steps(seed: 42))
        let differs = try (UInt64(1)...10).contains { try steps(seed: $0) != steps(seed: 42) }
        #expect(differs)
    }

    @Test(arguments: UInt64(1)...12)
    func busyRunsNeverSendWhatTheEngineRejects(seed: UInt64) throws {
        let requests = [
            intake(.repair, subject: "tap", ["mode": "immediate", "category": "leak"]),
            intake(.complaint, subject: "public_repair"),
            intake(.paid_service, subject: "cleaning", ["service": "cleaning"]),
            intake(.move_in, subject: "move-in", ["buyer": "agent"]),
        ]
        for request in requests {
            var run = try PlaybookRun(request, playbook: staffPlaybook(Self.busy), seed: seed, frontDesk: request.kind != .repair && request.kind != .complaint)
            run.run(limit: 40)
            #expect(run.rejections == [], "\(request.kind)")
        }
    }

    @Test(arguments: ["calling_back", "closed", "referred"])
    func nothingIsTheDepartmentsWhileWaitingOrEnded(state: String) {
        var random = SeededRandom(seed: 1)
        let step = staffPlaybook().nextStep(kind: .repair, state: state, department: .engineering, taskSummary: "immediate repair: tap",
                                       alreadySent: [], now: t0, random: &random)
        #expect(step == nil)
    }

    @Test func CB_06_rectificationIsReportedOncePerDispatch() {
        var random = SeededRandom(seed: 1)
        let book = staffPlaybook()
        let summary = "rectify: owner dissatisfied at call-back round 1"
        let first = book.nextStep(kind: .paid_service, state: "calling_back", department: .cleaning, taskSummary: summary,
                                  alreadySent: [], now: t0, random: &random)
        #expect(first?.event == "rectified")
        #expect(book.nextStep(kind: .paid_service, state: "calling_back", department: .cleaning, taskSummary: summary,
                              alreadySent: ["rectified"], now: t0, random: &random) == nil)
    }
}
