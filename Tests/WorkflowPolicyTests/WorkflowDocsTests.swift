import Foundation
import Testing
import WorkOrderCore

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
