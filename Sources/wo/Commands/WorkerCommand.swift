import ArgumentParser
import ServiceLifecycle
import WorkOrderCore
import WorkOrderTopology
import WorkOrderWorkers

/// `wo worker --department D`: a department's task queue at a terminal, in a staff app
/// (`--exec`), or played by simulated staff (`--simulate`).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Receive a department's tasks (engineering, cleaning, greening, security, customer-service) · 接收部门派单",
        discussion: "Report progress on a task with `wo task <order> <event> …`."
    )

    @Option(help: "engineering, cleaning, greening, security or customer-service.")
    var department: String

    @OptionGroup var language: LanguageOptions
    @OptionGroup var handling: HandlingOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policy: PolicyOptions

    func validate() throws {
        guard Department(queueName: department) != nil else {
            throw ValidationError(language.chosen == .zh
                ? "没有部门 '\(department)'：应为 " + BrokerTopology.departments.joined(separator: ", ") + " 之一"
                : "unknown department '\(department)': use one of " + BrokerTopology.departments.joined(separator: ", "))
        }
    }

    func run() async throws {
        let logger = Logging.bootstrap(level: connection.logLevel)
        let stopSignals = await StopSignals.trap(logger: logger)
        let mode = try handling.handling { try policy.load() }
        let locale = try policy.locale(language.chosen)
        let amqp = try await connectOrExplain(connection, name: "wo-worker-\(department)", language: locale.language, logger: logger)
        let worker = DepartmentWorker(
            connection: amqp, department: Department(queueName: department)!, handling: mode, prefetch: handling.prefetch, clock: policy.taskClock(logger: logger), locale: locale, logger: logger)
        let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [], logger: logger)
        try await stopSignals.run(group)
        await amqp.close()
    }
}
