import ArgumentParser
import ServiceLifecycle
import WorkOrderWorkers

/// `wo callbacks`: the call-back desk. The server schedules call-backs from each order's
/// completion (policy: workflows/callbacks.yaml) and publishes each one to `wo.followups`
/// when it falls due; this desk shows them with their script, hands them to a program,
/// or answers them in a simulation.
struct CallbacksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "The call-back desk: call-backs as they fall due, with their script; notifications and escalations · 回访台",
        discussion: """
            Record an outcome with `wo task <order> callback_reached --by ID --role cs_staff form=phone \
            script_followed=true satisfaction=satisfied` or `wo task <order> callback_not_reached …`.
            """
    )

    @OptionGroup var language: LanguageOptions
    @OptionGroup var handling: HandlingOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policy: PolicyOptions

    func run() async throws {
        let logger = Logging.bootstrap(level: connection.logLevel)
        let stopSignals = await StopSignals.trap(logger: logger)
        let mode = try handling.handling { try policy.load() }
        let locale = try policy.locale(language.chosen)
        let amqp = try await connectOrExplain(connection, name: "wo-callbacks", language: locale.language, logger: logger)
        let desk = CallbackDesk(connection: amqp, handling: mode, prefetch: handling.prefetch, clock: policy.taskClock(logger: logger), locale: locale, logger: logger)
        let group = ServiceGroup(services: [desk], gracefulShutdownSignals: [], logger: logger)
        try await stopSignals.run(group)
        await amqp.close()
    }
}
