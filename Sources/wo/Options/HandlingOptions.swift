import ArgumentParser
import WorkOrderCore
import WorkOrderWorkers

/// How a worker hands tasks on: shown (default), `--json`, `--exec CMD`, or `--simulate`.
struct HandlingOptions: ParsableArguments {
    @Flag(help: "Print each task as one JSON line (for a staff app) instead of a readable line.")
    var json = false

    @Option(help: "Run CMD for each task with the task's JSON on its standard input; the task is acked when CMD exits 0.")
    var exec: String?

    @Flag(help: "Play the staff's part (demos, drills, load tests) instead of waiting for people.")
    var simulate = false

    @Option(help: "With --simulate: seconds between two steps of a task.")
    var stepDelay: Double = 1

    @Option(help: "With --simulate: share of repair visits where the owner is absent (0…1).")
    var ownerAbsent: Double = 0.1

    @Option(help: "With --simulate: share of call-backs answered dissatisfied (0…1).")
    var dissatisfied: Double = 0.05

    @Option(help: "With --simulate: share of call-back attempts that do not reach the owner (0…1).")
    var unreached: Double = 0.1

    @Option(help: "With --simulate: seed for repeatable outcomes.")
    var seed: UInt64?

    @Option(help: "With --simulate: the server's --time-scale, so proposed times match its clock.")
    var timeScale: Double = 1

    @Option(help: "Tasks held at once (prefetch).")
    var prefetch: UInt16 = 10

    func validate() throws {
        if simulate && exec != nil { throw ValidationError("choose --simulate or --exec, not both") }
        for (name, value) in [("--owner-absent", ownerAbsent), ("--dissatisfied", dissatisfied), ("--unreached", unreached)]
        where !(0...1).contains(value) {
            throw ValidationError("\(name) must be a share between 0 and 1")
        }
        guard (0...86_400).contains(stepDelay), timeScale > 0, timeScale <= 1_000_000, prefetch > 0 else {
            throw ValidationError("--step-delay must be 0 to 86400 seconds, --time-scale more than 0 and at most 1000000, --prefetch positive")
        }
    }

    func handling(policy: () throws -> PolicySet) throws -> TaskHandling {
        if let exec { return .exec(TaskProgram(command: exec), json: json) }
        guard simulate else { return .show(json: json) }
        let outcomes = SimulationOutcomes(ownerAbsentRate: ownerAbsent, dissatisfiedRate: dissatisfied, unreachedRate: unreached)
        return .simulate(StaffSimulation(
            policy: try policy(), outcomes: outcomes, stepDelay: .milliseconds(Int64(stepDelay * 1000)), timeScale: timeScale, seed: seed))
    }
}
