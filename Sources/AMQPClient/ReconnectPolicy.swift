/// How a connection that was established once comes back after the broker goes away.
/// The first connection is never retried: a wrong URL or password should fail at once.
public struct ReconnectPolicy: Hashable, Sendable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// nil: keep trying for as long as the process runs (servers, workers).
    public var maximumAttempts: Int?

    public init(initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5), maximumAttempts: Int? = nil) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
    }

    public static let `default` = ReconnectPolicy()
    public static let never = ReconnectPolicy(maximumAttempts: 0)

    /// Delay before attempt `attempt` (1-based): doubling from the initial delay, capped.
    func delay(beforeAttempt attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(attempt, 1) {
            delay = delay * 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }
}
