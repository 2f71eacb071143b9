import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy

/// `access.yaml` and the pure check the server makes with it (issue 15). The same check
/// runs against the real broker in SecurityTests.
@Suite struct SenderPolicyTests {
    static let shipped: SenderPolicy = {
        (try? SenderPolicyLoader.load(directory: workflowsFolder)) ?? SenderPolicy()
    }()

    @Test func theShippedFileListsEveryDepartmentTheDeskAndTheSupervisors() throws {
        let policy = try SenderPolicyLoader.load(directory: workflowsFolder)
        for department in Department.allCases {
            let user = "wo-worker-\(department.rawValue.replacingOccurrences(of: "_", with: "-"))"
            #expect(policy.senders[user]?.department == department, "\(user)")
        }
        #expect(policy.senders["wo-callbacks"]?.department == nil)
        #expect(policy.senders["wo-supervisor"]?.roles.contains(.site_director) == true)
        // Nobody but the supervisors may take the roles that grant extensions (CMP-14).
        for (user, sender) in policy.senders where user != "wo-supervisor" {
            #expect(!sender.roles.contains(.site_director), "\(user)")
        }
    }

    @Test func theSimulatedStaffOfEachDepartmentMayPlayTheirPart() {
        // The roles `wo worker --simulate` reports as (SimulatedStaff): scripts/run runs
        // them under these users with the check enforced.
        let played: [(String, Role)] = [
            ("wo-worker-engineering", .technician), ("wo-worker-cleaning", .team_leader), ("wo-worker-greening", .team_leader),
            ("wo-worker-security", .security), ("wo-worker-customer-service", .cs_staff), ("wo-worker-customer-service", .cs_supervisor),
            ("wo-worker-customer-service", .team_leader), ("wo-callbacks", .cs_staff),
        ]
        for (user, role) in played {
            #expect(Self.shipped.senders[user]?.roles.contains(role) == true, "\(user) as \(role)")
        }
    }

    @Test func aDepartmentUserActsOnlyOnItsOwnDispatchesAndRoles() {
        let policy = Self.shipped
        let technician = Actor(id: "t-1", role: .technician)
        #expect(policy.refusal(sender: "wo-worker-engineering", actor: technician, dispatchedTo: [.engineering], mode: .enforced) == nil)
        let elsewhere = policy.refusal(sender: "wo-worker-engineering", actor: technician, dispatchedTo: [.cleaning], mode: .enforced)
        #expect(elsewhere?.reason.contains("not dispatched to engineering") == true)
        let director = policy.refusal(
            sender: "wo-worker-engineering", actor: Actor(id: "t-1", role: .site_director), dispatchedTo: [.engineering], mode: .enforced)
        #expect(director?.code == .not_permitted && director?.reason.contains("may not act as site_director") == true)
        #expect(policy.needsDispatches(sender: "wo-worker-engineering"))
        #expect(!policy.needsDispatches(sender: "wo-supervisor"))
    }

    @Test func withoutUserIDOrUnlistedOnlyDevelopmentModeBelieves() {
        let policy = Self.shipped
        let actor = Actor(id: "x", role: .gm)
        #expect(policy.refusal(sender: nil, actor: actor, dispatchedTo: [], mode: .enforced)?.reason.contains("no AMQP user_id") == true)
        #expect(policy.refusal(sender: "guest", actor: actor, dispatchedTo: [], mode: .enforced)?.reason.contains("not in access.yaml") == true)
        #expect(policy.refusal(sender: nil, actor: actor, dispatchedTo: [], mode: .development) == nil)
        #expect(policy.refusal(sender: "guest", actor: actor, dispatchedTo: [], mode: .development) == nil)
        // A listed user is held to its roles even in development mode.
        #expect(policy.refusal(sender: "wo-callbacks", actor: actor, dispatchedTo: [], mode: .development) != nil)
    }

    @Test func aBadFileIsRefusedWithEveryProblem() {
        let text = """
            users:
              wo-x:
                roles: [technician, wizard]
                department: plumbing
                colour: blue
              wo-y:
                roles: [system]
            """
        #expect {
            try SenderPolicyLoader.load(text: text, origin: "access.yaml")
        } throws: { error in
            let message = "\(error)"
            return message.contains("wizard") && message.contains("plumbing") && message.contains("colour") && message.contains("system and owner")
        }
    }

    @Test func theAccessFileIsNotAVersionedPolicyFile() throws {
        let (_, files) = try PolicyLoader.loadWithFiles(directory: workflowsFolder)
        #expect(files["access.yaml"] == nil)
        #expect(FileManager.default.fileExists(atPath: workflowsFolder + "/access.yaml"))
    }
}
