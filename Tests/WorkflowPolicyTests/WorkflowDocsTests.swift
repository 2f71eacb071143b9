import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy

@Suite("Docs drawn from the transition tables")
struct WorkflowDocsTests {
    @Test func docsEmbedTheDiagramsTheEngineEnforces() throws {
        let docs = URL(fileURLWithPath: workflowsFolder).deletingLastPathComponent().appendingPathComponent("docs/workflows.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for table in OrderKind.allCases.map(\.transitionTable) + [CallbackLifecycle.transitionTable] {
            #expect(text.contains(table.mermaid()), "docs/workflows.md is out of date for \(table.name): run `wo workflows graph \(table.name)`")
        }
    }

    @Test func everyStateIsReachableAndEveryTableEndsSomewhere() {
        for table in OrderKind.allCases.map(\.transitionTable) + [CallbackLifecycle.transitionTable] {
            var reached = Set(table.initial)
            var changed = true
            while changed {
                changed = false
                for t in table.transitions where reached.contains(t.from) && !reached.contains(t.to) {
                    reached.insert(t.to)
                    changed = true
                }
            }
            #expect(reached == Set(table.states), "\(table.name): unreachable \(Set(table.states).subtracting(reached))")
            #expect(!table.finals.isEmpty)
            #expect(table.finals.allSatisfy { table.allowedEvents(from: $0).isEmpty }, "\(table.name): a final state has events")
        }
    }
}

/// Issue 12, item 8: the field reference in docs/workflows.md is the catalogue drawn from
/// the machines' reads, so it cannot drift from the code.
@Suite("Docs: the fields each message needs")
struct FieldReferenceDocsTests {
    @Test func docsEmbedTheFieldReferenceTheMachinesRead() throws {
        let docs = URL(fileURLWithPath: workflowsFolder).deletingLastPathComponent().appendingPathComponent("docs/workflows.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let policy = try PolicyLoader.load(directory: workflowsFolder)
        #expect(text.contains(FieldCatalogue.markdown(policy: policy)), "docs/workflows.md is out of date: paste `wo workflows fields`")
    }

    /// HELP-02: the example the issue gave: a medical help request needs `floor`.
    @Test func HELP_02_theReferenceSaysAMedicalRequestNeedsTheFloor() throws {
        let policy = try PolicyLoader.load(directory: workflowsFolder)
        let floor = FieldCatalogue.intake(.help, policy: policy).fields.first { $0.name == "floor" }
        #expect(floor?.required == false && floor?.requiredWhen == "`help_type` = `medical`")
        let appointment = FieldCatalogue.intake(.repair, policy: policy).fields.first { $0.name == "appointment_at" }
        #expect(appointment?.requiredWhen == "`mode` = `appointment`")
    }

    /// Every event a person sends to an order is in the reference.
    @Test func everyPersonEventOfEveryKindIsListed() throws {
        let policy = try PolicyLoader.load(directory: workflowsFolder)
        let timerEvents = Set(TimerPurpose.allCases.map(\.eventName))
        for kind in OrderKind.allCases {
            let listed = Set(FieldCatalogue.events(kind, policy: policy).map(\.name))
            let sent = Set(kind.transitionTable.transitions.map(\.event)).subtracting(timerEvents)
            #expect(listed == sent, "\(kind): \(sent.symmetricDifference(listed))")
        }
    }
}
