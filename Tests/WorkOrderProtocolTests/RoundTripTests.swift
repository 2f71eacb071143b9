import Testing
import WorkOrderCore
@testable import WorkOrderProtocol

/// Every body the system sends or receives decodes back to what was encoded.
@Suite struct RoundTripTests {
    static let household = Household(building: "5", unit: "2", room: "301")
    static let owner = Owner(name: "张三", phone: "13812345678")

    func roundTrip<M: WireMessage & Equatable>(_ message: M) throws -> M {
        try M.decode(message.encoded())
    }

    @Test func intake() throws {
        let request = IntakeRequest(
            kind: .repair, site: "NJ-01", household: Self.household, owner: Self.owner, channel: .phone, subject: "water leak",
            content: "厨房水管漏水，\n地面是湿的", recordedBy: Actor(id: "cs-12", role: .cs_staff), repeatOf: ["R-20261123-3F9A2C01"],
            fields: ["mode": "immediate", "category": "leak", "nested": ["a": [1, 2.5, true, nil]]])
        let decoded = try IntakeRequest(wire: WireObject(StrictJSON.object(request.encodedForWire())))
        #expect(decoded == request)
    }

    @Test func transition() throws {
        let message = TransitionMessage(
            orderID: "R-20261123-3F9A2C01", event: "completed", actor: Actor(id: "tech-7", role: .technician),
            fields: ["owner_accepted": true, "summary": "换了存水弯"])
        #expect(try roundTrip(message) == message)
    }

    @Test func replies() throws {
        for status in TransitionReply.Status.allCases {
            let reply = TransitionReply(status: status, orderID: "R-1", event: "on_site", state: "on_site", reason: status == .rejected ? "no" : nil, rule: status == .rejected ? "REP-05" : nil)
            #expect(try roundTrip(reply) == reply)
        }
    }

    @Test func dispatch() throws {
        let message = DispatchMessage(
            orderID: "R-1", kind: .repair, state: "awaiting_technician", department: "engineering", site: "NJ-01",
            household: Self.household, owner: Self.owner, subject: "water leak", content: "厨房水管漏水，\n地面是湿的",
            summary: "immediate repair: water leak",
            dueByMs: 1_795_400_100_000, atMs: 1_795_400_000_000)
        #expect(try roundTrip(message) == message)
        var without = message
        without.dueByMs = nil
        #expect(try roundTrip(without) == without)
    }

    @Test func followups() throws {
        let escalation = FollowupMessage(
            type: .escalation, orderID: "R-1", kind: .repair, site: "NJ-01", role: .engineering_supervisor, level: 1,
            reason: "nobody on site within 15m", dueMs: nil, atMs: 1_795_400_100_000)
        #expect(try roundTrip(escalation) == escalation)
        let callback = FollowupMessage(
            callbackFor: "R-1", kind: .repair, site: "NJ-01", household: Self.household, owner: Self.owner, subject: "water leak",
            round: 1, attempt: 2, maxAttempts: 3, role: .cs_staff, script: [.init(step: "greeting", say: "您好，请问是张三吗？")],
            satisfactionScale: ["very_satisfied", "satisfied"], forms: ["phone"], atMs: 1_795_572_800_000)
        #expect(try roundTrip(callback) == callback)
    }

    @Test func event() throws {
        let event = OrderEventMessage(
            orderID: "R-1", kind: .repair, state: "on_site", event: "on_site", actor: "tech-7", atMs: 1_795_400_000_000,
            detail: "awaiting_technician → on_site")
        #expect(try roundTrip(event) == event)
    }

    @Test func deadLetterReplayRecord() throws {
        let record = DeadLetterReplayRecord(
            originalMessageID: "m-1", replayMessageID: "m-1/replay-1", by: "cs-sup-1", reason: "fixed the site code", corrected: true,
            exchange: "wo.intake", routingKey: "repair", deadLetterReason: "missing field 'site'", atMs: 1_795_400_000_000)
        #expect(try roundTrip(record) == record)
    }

    /// The same types decode through a plain `JSONDecoder` too, with the same checks.
    @Test func codableGoesThroughTheStrictPath() throws {
        let message = TransitionMessage(orderID: "R-1", event: "on_site", actor: Actor(id: "tech-7", role: .technician))
        let body = message.encoded()
        let viaFoundation = try JSONDecoderBox.decode(TransitionMessage.self, body)
        #expect(viaFoundation == message)
        let bad = Array(#"{"schema_version":1,"order_id":"R-1\u0000x","event":"on_site","actor":{"id":"t","role":"technician"}}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoderBox.decode(TransitionMessage.self, bad) }
    }
}

import Foundation

enum JSONDecoderBox {
    static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body))
    }
}
