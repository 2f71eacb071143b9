import AMQPClient
import Foundation
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderTopology

/// One thing that happened, as `wo watch` shows it: an order opened or moved (with the
/// tasks and follow-ups that step sent), a transition refused, a dead letter, a replay.
public struct WatchEntry: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case event, rejection, dead_letter, replay
    }

    public var type: Kind
    public var atMs: Int64?
    public var site: String?
    public var orderID: String?
    public var kind: String?
    public var state: String?
    public var event: String?
    public var actor: String?
    public var detail: String?
    public var dispatches: [String]?
    public var followups: [String]?

    enum CodingKeys: String, CodingKey {
        case type, atMs = "at_ms", site, orderID = "order_id", kind, state, event, actor, detail, dispatches, followups
    }

    /// What a delivery from `wo.events` or `wo.dead` says, or nil for a message this
    /// program cannot read (a newer sender's): the watcher skips it.
    public static func read(_ delivery: Delivery) -> WatchEntry? {
        if delivery.exchange == BrokerTopology.deadLetterExchange {
            let reason = delivery.properties.headers["x-wo-reason"]?.stringValue ?? "refused by a consumer"
            let target = delivery.properties.headers["x-wo-original-routing-key"]?.stringValue ?? delivery.routingKey
            return WatchEntry(
                type: .dead_letter, atMs: delivery.properties.timestamp.map { Int64(clamping: $0) &* 1000 }, event: target,
                detail: "\(delivery.properties.messageID ?? "(no id)"): \(reason)")
        }
        switch delivery.properties.type {
        case "event":
            guard let e = try? OrderEventMessage.decode(delivery.body) else { return nil }
            return WatchEntry(
                type: .event, atMs: e.atMs, site: e.site, orderID: e.orderID, kind: e.kind.rawValue, state: e.state, event: e.event,
                actor: e.actor, detail: e.detail, dispatches: e.dispatches, followups: e.followups)
        case "rejection":
            guard let r = try? TransitionReply.decode(delivery.body) else { return nil }
            return WatchEntry(
                type: .rejection, atMs: delivery.properties.timestamp.map { Int64(clamping: $0) &* 1000 }, orderID: r.orderID,
                kind: delivery.routingKey.split(separator: ".").first.map(String.init), state: r.state, event: r.event,
                detail: (r.reason ?? "refused") + (r.rule.map { " (\($0))" } ?? ""))
        case "dead_letter_replayed":
            guard let record = try? DeadLetterReplayRecord.decode(delivery.body) else { return nil }
            return WatchEntry(
                type: .replay, atMs: record.atMs, event: record.routingKey, actor: record.by,
                detail: "\(record.originalMessageID) replayed as \(record.replayMessageID)\(record.corrected ? " (corrected)" : ""): \(record.reason)")
        default:
            return nil
        }
    }

    /// Whether the entry passes `wo watch`'s filters (nil: any).
    public func matches(site: String?, kind: String?, order: String?, department: String?) -> Bool {
        if let site, self.site != site { return false }
        if let kind, self.kind != kind { return false }
        if let order, orderID != order { return false }
        if let department, !(dispatches ?? []).contains(department) { return false }
        return true
    }

    /// One readable line (more lines under it for what the step sent).
    public func line(clock: TaskClock, locale: StaffLocale = .english) -> String {
        let w = WorkerWords(locale)
        let labels = locale.labels
        let when = atMs.map { clock.text($0, site: site ?? "", locale: locale) } ?? "-"
        let head = "\(when)  \(orderID ?? "?")  \(kind.map(labels.kind(named:)) ?? "?") [\(state.map(labels.state) ?? "?")]"
        switch type {
        case .event:
            var line = head + "  " + w.eventLine(event.map(labels.event) ?? "?", by: actor ?? "?")
            for department in dispatches ?? [] { line += "\n      " + w.taskFor(labels.department(named: department)) }
            for followup in followups ?? [] { line += "\n      → \(followup)" }
            return line
        case .rejection:
            return head + "  " + w.refused(event.map(labels.event) ?? "?", detail ?? "")
        case .dead_letter:
            return "\(when)  " + w.deadLetter(event ?? "?", detail ?? "")
        case .replay:
            return "\(when)  " + w.replayed(by: actor ?? "?", detail ?? "")
        }
    }
}
