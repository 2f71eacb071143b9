import ArgumentParser
import WorkOrderCore
import WorkflowPolicy

/// `wo workflows`: inspect and validate the policy folder.
struct WorkflowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows",
        abstract: "Validate the policy folder and draw each kind's state machine.",
        subcommands: [Graph.self, Check.self, Fields.self]
    )
}

extension WorkflowsCommand {
    /// `wo workflows graph <kind> [--dot]`: the transition table the engine enforces, drawn.
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a kind's state machine as Mermaid (default) or Graphviz.",
            discussion: "Kinds: " + WorkflowsCommand.diagramNames.joined(separator: ", ")
                + ". Drawn from the same transition table the engine enforces."
        )

        @Argument(help: "complaint, repair, paid_service, help, renovation, move_in, or callback")
        var kind: String

        @Flag(help: "Print Graphviz (dot) instead of Mermaid.")
        var dot = false

        func validate() throws {
            guard WorkflowsCommand.table(named: kind) != nil else {
                throw ValidationError("unknown kind '\(kind)'; expected one of " + WorkflowsCommand.diagramNames.joined(separator: ", "))
            }
        }

        func run() throws {
            guard let table = WorkflowsCommand.table(named: kind) else { throw ExitCode.validationFailure }
            print(dot ? table.dot() : table.mermaid(), terminator: "")
        }
    }

    /// `wo workflows check [DIR]`: load and validate a policy folder.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a policy folder; print every problem and exit non-zero if there are any."
        )

        @Argument(help: "The policy folder.")
        var directory = "workflows"

        func run() throws {
            var problems: [PolicyProblem] = []
            var valid = ""
            do {
                let policy = try PolicyLoader.load(directory: directory)
                valid = "\(directory): policy \(policy.version) is valid (\(policy.calendars.count) calendars)"
            } catch {
                problems += error.problems
            }
            // The labels staff read (not policy: they do not change the version), checked as strictly.
            do {
                _ = try LabelsLoader.load(directory: directory, language: .zh)
            } catch {
                problems += error.problems
            }
            guard !problems.isEmpty else {
                print(valid)
                return
            }
            var standardError = StandardError()
            for problem in problems { print(problem.description, to: &standardError) }
            print("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(directory)", to: &standardError)
            throw ExitCode.failure
        }
    }

    /// `wo workflows fields [DIR]`: the fields each intake kind and event reads, as Markdown.
    struct Fields: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the fields each intake kind and each event reads (the reference in docs/workflows.md)."
        )

        @Argument(help: "The policy folder.")
        var directory = "workflows"

        func run() throws {
            do {
                print(FieldCatalogue.markdown(policy: try PolicyLoader.load(directory: directory)), terminator: "")
            } catch {
                var standardError = StandardError()
                for problem in error.problems { print(problem.description, to: &standardError) }
                throw ExitCode.failure
            }
        }
    }

    static var diagramNames: [String] { OrderKind.allCases.map(\.rawValue) + ["callback"] }

    static func table(named name: String) -> TransitionTable? {
        if name == "callback" { return CallbackLifecycle.transitionTable }
        return OrderKind(rawValue: name).map(OrderKind.table(for:))
    }
}
