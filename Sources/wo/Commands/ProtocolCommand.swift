import ArgumentParser
import Foundation
import WorkOrderProtocol

/// `wo protocol schemas`: the wire contract as JSON Schema files, for intake systems in
/// any language to validate a body before they send it.
struct ProtocolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocol",
        abstract: "The AMQP wire contract (docs/protocol.md) in machine-readable form.",
        subcommands: [Schemas.self]
    )

    struct Schemas: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a JSON Schema (draft 2020-12) per message body as <name>.schema.json.",
            discussion: "The schemas are built from the same rules as the server's strict decoders; docs/schemas holds the current ones."
        )

        @Option(help: "The folder to write to (created when missing).") var out = "docs/schemas"
        @Flag(help: "Only print the schemas' names.") var list = false

        func run() throws {
            if list {
                WireSchemas.all.forEach { print($0.name) }
                return
            }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, schema) in WireSchemas.all {
                let file = folder.appendingPathComponent(WireSchemas.fileName(name))
                try Data(WireSchemas.text(schema).utf8).write(to: file, options: .atomic)
                print("wrote \((out as NSString).appendingPathComponent(WireSchemas.fileName(name)))")
            }
        }
    }
}
