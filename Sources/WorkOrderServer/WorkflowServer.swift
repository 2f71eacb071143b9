import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderStore

/// `wo serve` assembled: the services that run the workflows against the broker and
/// the store. The caller runs them in one `ServiceGroup`; graceful shutdown stops
/// consuming first, then timers, then flushes the outbox (reverse order).
public struct WorkflowServer: Sendable {
    public let metrics = ServerMetrics()
    /// What `/health/ready` reports.
    public let readiness = Readiness()
    let services: [any Service]

    /// A server that runs every order under one policy and records no versions (tests).
    public init(
        configuration: ServerConfiguration, connection: AMQPConnection, store: any OrderStore,
        policy: PolicySet, clock: WorkClock, logger: Logger
    ) {
        self.init(configuration: configuration, connection: connection, store: store,
                  engines: PolicyEngines(current: policy), clock: clock, logger: logger)
    }

    /// `engines`: from `PolicyEngines.prepare`, so each order follows its own policy version.
    public init(
        configuration: ServerConfiguration, connection: AMQPConnection, store: any OrderStore,
        engines: PolicyEngines, clock: WorkClock, logger: Logger
    ) {
        let outboxWake = WakeSignal()
        let timerWake = WakeSignal()
        let metrics = self.metrics
        let handoff = OutboxHandoff()
        let writer = OrderWriter(
            store: store, engines: engines, clock: clock, logger: logger,
            senders: configuration.senders, senderCheck: configuration.senderCheck, outbox: handoff
        ) {
            outboxWake.signal()
            timerWake.signal()
        }
        metrics.gauge("wo_outbox_depth") { Double((try? await store.outboxDepth()) ?? -1) }
        metrics.gauge("wo_timers_armed") { Double((try? await store.armedTimerCount()) ?? -1) }
        metrics.gauge("wo_timers_overdue") { Double((try? await store.dueTimers(at: clock.now(), limit: 100_000).count) ?? -1) }
        let writerLoop = WriterLoop(writer: writer, metrics: metrics)
        // Started in this order, stopped in the reverse: the inbound service and the timers
        // stop submitting before the writer loop finishes, and the outbox is flushed last.
        var services: [any Service] = [
            OutboxPublisher(connection: connection, store: store, handoff: handoff, wake: outboxWake, metrics: metrics, logger: logger),
            writerLoop,
            TimerService(store: store, writer: writerLoop, clock: clock, wake: timerWake, metrics: metrics, logger: logger),
            InboundService(
                connection: connection, writer: writerLoop, store: store, configuration: configuration, metrics: metrics, readiness: readiness,
                logger: logger),
        ]
        if configuration.retentionDays > 0 || configuration.redactOwnerDataAfterDays != nil {
            services.append(RetentionService(
                store: store, days: configuration.retentionDays, redactAfterDays: configuration.redactOwnerDataAfterDays, clock: clock, logger: logger))
        }
        if configuration.metricsPort > 0 {
            services.insert(MetricsEndpoint(
                port: configuration.metricsPort, metrics: metrics, readiness: readiness, store: store, connection: connection, logger: logger), at: 0)
        }
        self.services = services
    }

    /// The services, in start order.
    public var serviceList: [any Service] { services }
}
