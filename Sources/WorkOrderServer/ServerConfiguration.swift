import WorkOrderCore

/// How `wo serve` runs. Defaults suit one site on one machine.
public struct ServerConfiguration: Sendable {
    /// Unacked deliveries per consumer (AMQP-NOTES: ≥ 100 for throughput).
    public var prefetch: UInt16 = 500
    /// Most deliveries committed in one transaction.
    public var maxBatch = 500
    /// Larger bodies are dead-lettered unread.
    public var maxBodyBytes = 64 * 1024
    /// Clock speed: 1 is real time; 60 makes an hour pass in a minute.
    public var timeScale: Double = 1
    /// 0: no metrics endpoint.
    public var metricsPort = 0
    /// Days the inbox remembers processed message ids and published events and replies
    /// are kept; 0 keeps everything. A message redelivered after this long would be
    /// applied again, so keep it well above any broker or intake-system retry horizon.
    public var retentionDays = 30
    /// A message delivered this many times without its effect being committed (each
    /// delivery after the first follows a crash or a stop with it in hand) is
    /// dead-lettered with "delivery limit exceeded" instead of being tried again, so a
    /// message that kills the process cannot do it forever.
    public var maxDeliveries = 5
    /// Fault injection for the poison-message tests only (`WO_FAULT_CRASH_ON_MESSAGE_ID`):
    /// the process dies when it is about to apply a message with this id. Never set in
    /// production.
    public var crashOnMessageID: String?
    /// IN-05 (`workflows/privacy.yaml`): days after an order finished before its owner's
    /// name and phone are replaced by masks in the store; nil keeps them.
    public var redactOwnerDataAfterDays: Int?
    /// Who may act as whom (`workflows/access.yaml`).
    public var senders = SenderPolicy()
    /// `.enforced` for production (`wo serve`'s default): every transition must come from
    /// a listed broker user claiming a role it may take. The library's default is
    /// `.development`, for tests that run a server in-process as guest.
    public var senderCheck: SenderPolicy.Mode = .development

    public init() {}
}
