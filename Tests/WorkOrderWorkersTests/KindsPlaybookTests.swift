import Testing
import WorkOrderCore
import WorkOrderWorkers

@Suite("Playbook: paid services, help, renovation, move-in")
struct KindsPlaybookTests {
    @Test(arguments: ["cleaning", "greening", "repair"])
    func PAID_01_PAID_02_PAID_04_paidServiceIsPricedTicketedDoneAcceptedAndCalledBack(service: String) throws {
        var run = try PlaybookRun(intake(.paid_service, subject: service, ["service": .string(service)]), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["requested", "agreed", "ticketed", "in_service", "awaiting_acceptance", "calling_back", "closed"])
        #expect(run.dispatches.count == 1)
    }

    @Test(arguments: [("medical", Department.security), ("incident", Department.security)])
    func HELP_02_emergencyIsAttendedConfirmedAndResolved(type: String, department: Department) throws {
        var run = try PlaybookRun(intake(.help, subject: "help", ["help_type": .string(type), "floor": "5"]))
        run.run()
        #expect(run.rejections == [])
        #expect(run.dispatches.map(\.department) == [department])
        #expect(run.path == ["emergency", "closed"])
        #expect(run.events == ["staff_arrived", "resolved"])
        #expect(run.steps.first?.actor.role == .security)
    }

    @Test(arguments: [Channel.phone, .letter])
    func HELP_04_consultationIsAnsweredByTheFrontDesk(channel: Channel) throws {
        var run = try PlaybookRun(intake(.help, subject: "fees", channel: channel, ["help_type": "consultation", "topic": "fees"]), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["consultation", "closed"])
    }

    @Test func generalHelpIsResolvedByTheFrontDesk() throws {
        var run = try PlaybookRun(intake(.help, subject: "lost key", ["help_type": "other"]), frontDesk: true)
        run.run()
        #expect(run.path == ["general", "closed"])
    }

    @Test(arguments: ["owner", "agent"])
    func REN_01_REN_05_renovationRunsFromApplicationToFinalInspection(applicant: String) throws {
        var run = try PlaybookRun(intake(.renovation, subject: "kitchen", ["applicant": .string(applicant)]), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["applied", "identified", "agreed", "under_way", "awaiting_inspection", "closed"])
        #expect(Set(run.dispatches.map(\.department)) == [.engineering, .security])
        #expect(run.steps.last?.event == "final_inspection")
        #expect(run.steps.last?.actor.role == .technician)
    }

    @Test func REN_03_structuralChangeWaitsForTheAuthority() throws {
        var run = try PlaybookRun(intake(.renovation, subject: "wall", ["applicant": "owner", "structural_change": true]), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == ["applied", "identified", "awaiting_authority", "agreed", "under_way", "awaiting_inspection", "closed"])
    }

    @Test(arguments: BuyerCase.allCases)
    func MOV_01_MOV_06_moveInRunsFromDocumentsToArchive(buyer: BuyerCase) throws {
        var run = try PlaybookRun(intake(.move_in, subject: "move-in", ["buyer": .string(buyer.rawValue)]), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == [
            "booked", "documents_checked", "registered", "handed_over", "fees_paid", "awaiting_sign_off", "signed_off", "archived",
        ])
    }

    @Test func MOV_05_defectIsRepairedThenReinspectedByEngineering() throws {
        var run = try PlaybookRun(
            intake(.move_in, subject: "move-in", ["buyer": "owner"]), playbook: staffPlaybook(SimulationOutcomes(moveInDefectRate: 1)), frontDesk: true)
        run.run()
        #expect(run.rejections == [])
        #expect(run.path == [
            "booked", "documents_checked", "registered", "handed_over", "fees_paid", "awaiting_repairs",
            "awaiting_reinspection", "awaiting_sign_off", "signed_off", "archived",
        ])
        #expect(run.dispatches.map(\.summary) == ["move-in re-inspection"])
        #expect(run.steps.first { $0.event == "reinspected" }?.actor.role == .technician)
    }
}
