import ArgumentParser

/// `wo bench`: measurements, never tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks against the local broker.",
        subcommands: [AMQPBenchCommand.self, EngineBenchCommand.self, LatencyBenchCommand.self, TimersBenchCommand.self, CodecBenchCommand.self]
    )
}
