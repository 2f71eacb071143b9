import WorkOrderCore
import WorkOrderProtocol

/// The boundary under fuzzing: bytes as they could arrive from the broker, decoded
/// strictly, then run through the engine (open for an intake; for a transition, the event
/// on orders of every kind; each timer an opened order arms, fired). Nothing here may
/// trap, whatever the bytes. Bodies that are not messages are also read as stored order
/// bodies, and every opened order must read back as the store wrote it.
///
/// Input layout: byte 0 picks the route (even: `wo.intake`, odd: `wo.transitions`) and,
/// for intakes, the routing key (kind); byte 1 picks which seed order a transition goes
/// to; the rest is the body. With byte 0 at 128 or more, the rest describes a seed
/// message with one value replaced (`StructuredInput`).
enum BoundaryFuzzer {
    static let engine = WorkflowEngine(policy: PolicySet(version: "fuzz"))
    static let now = Instant(millisecondsSinceEpoch: 1_795_400_000_000)

    /// One order of each kind that opens under the default policy, in its first state.
    static let seedOrders: [WorkOrder] = SeedIntakes.all.enumerated().compactMap { index, request in
        try? engine.open(request, id: "F-20261201-\(index)", at: now).get().order
    }

    static func run(_ input: [UInt8]) {
        guard input.count >= 2 else { return }
        let selector = Int(input[0])
        var body = Array(input.dropFirst(2))
        let kinds = OrderKind.allCases
        var route: InboundEnvelope.Route = selector % 2 == 0 ? .intake : .transitions
        // Mostly a real kind; now and then a key no kind has.
        var routingKey = selector % 16 == 14 ? "laundry" : kinds[(selector / 2) % kinds.count].rawValue
        if selector >= 128 {
            guard let structured = StructuredInput.message(from: input.dropFirst(2)) else { return }
            (route, routingKey, body) = structured
        }
        let envelope = InboundEnvelope(
            route: route, routingKey: routingKey, messageID: "fuzz-\(selector)", replyTo: selector % 4 == 1 ? "wo.reply.fuzz" : nil,
            correlationID: nil, body: body)
        switch InboundMessage.decode(envelope, maxBodyBytes: 64 * 1024) {
        case .intake(let request, _):
            guard case .success(let step) = engine.open(request, id: "F-20261201-X", at: now) else { return }
            // What the store writes reads back as the same order (the compact pair).
            if let stored = try? CompactJSONEncoder.encode(step.order) {
                let back = try? CompactJSONDecoder.decode(WorkOrder.self, from: String(decoding: stored, as: UTF8.self))
                precondition(back == step.order, "an order did not read back as written")
            }
            fireTimers(of: step)
        case .transition(let message, _, _, _):
            let event = OrderEvent(message.event, by: message.actor, fields: message.fields)
            guard !seedOrders.isEmpty else { return }
            let order = seedOrders[Int(input[1]) % seedOrders.count]
            if case .success(let step) = engine.handle(event, on: order, at: now) {
                // The same event once more, on the order it produced.
                _ = engine.handle(event, on: step.order, at: now)
                fireTimers(of: step)
            }
        case .invalid(let violation, _):
            // The same bytes as a stored order body (a damaged store or backup): read or refused.
            _ = try? CompactJSONDecoder.decode(WorkOrder.self, from: String(decoding: body, as: UTF8.self))
            // Reasons go into headers and logs: bounded, whatever the input.
            precondition(violation.description.unicodeScalars.count < 2_000, "unbounded reason")
        }
    }

    static func fireTimers(of step: Step) {
        for action in step.actions {
            if case .armTimer(let id, let due) = action {
                _ = engine.timerFired(id, on: step.order, at: due)
            }
        }
    }
}

#if FUZZING
import Foundation

/// libFuzzer's callback (`scripts/fuzz` builds with `-sanitize=fuzzer -DFUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    BoundaryFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, called from our own `main`: SwiftPM links an executable's entry
/// point under its own name, so libFuzzer's `main` is never used.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
    }
}
#else
import Foundation

/// Without libFuzzer: runs the files named on the command line (a corpus folder, or a
/// crash file libFuzzer wrote) through the same boundary, to reproduce a finding.
@main
struct ReplayInputs {
    static func main() throws {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                exit(2)
            }
            let files = isFolder.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                BoundaryFuzzer.run(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
                count += 1
            }
        }
        print("replayed \(count) inputs, \(BoundaryFuzzer.seedOrders.count) seed orders: no trap")
    }
}
#endif
