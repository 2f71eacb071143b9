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

    public init() {}
}
