import Foundation
import WorkOrderCore

/// The server's only source of the current time. `--time-scale N` makes it run N times
/// faster than the wall clock from the moment the server starts, for drills, demos and
/// end-to-end tests of multi-day schedules.
public struct WorkClock: Sendable {
    /// A day in under a tenth of a second: faster is never useful, and the bound keeps
    /// every scaled time well inside Int64.
    public static let maxScale: Double = 1_000_000
    public let scale: Double
    private let origin: Instant
    private let wallOrigin: ContinuousClock.Instant

    public init(scale: Double = 1, startingAt origin: Instant? = nil) {
        self.scale = min(max(scale, 0.000_001), Self.maxScale)
        self.origin = origin ?? WorkClock.wallNow()
        self.wallOrigin = .now
    }

    public func now() -> Instant {
        let elapsed = ContinuousClock.now - wallOrigin
        let scaledMs = Double(elapsed.wholeMilliseconds) * scale
        return Instant(millisecondsSinceEpoch: origin.millisecondsSinceEpoch + Int64(scaledMs))
    }

    /// Real time to wait until the scaled clock reaches `instant`.
    public func realDelay(until instant: Instant) -> Duration {
        let ms = Double(instant.millisecondsSinceEpoch - now().millisecondsSinceEpoch) / scale
        return .milliseconds(Int64(max(0, ms.rounded(.up))))
    }

    public static func wallNow() -> Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}
