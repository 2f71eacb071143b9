import Foundation
import Testing
import WOTesting
import WorkOrderTopology

/// Issue 15 (secrets out of sight): the broker URL can come from a file, so its password
/// is not on the command line; an error never shows the password.
@Suite("Broker URL from a file", .serialized)
struct SecretURLTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wo-url-\(UUID().uuidString.prefix(8))").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.timeLimit(.minutes(3)))
    func theURLComesFromAFileAndThePasswordNeverShows() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let intake = ["intake", "repair", "--site", "NJ-01", "--household", "5-2-301", "--owner", "张三", "--phone", "13812345678",
                      "--subject", "leak", "mode=immediate"]
        let good = try Self.write(vhost.urlString + "\n")
        let published = try await WorkerProcessTests.run(["broker", "setup", "--amqp-url-file", good])
        #expect(published.status == 0, "\(published.output)")
        let sent = try await WorkerProcessTests.run(intake + ["--amqp-url-file", good])
        #expect(sent.status == 0 && sent.output.contains("published"), "\(sent.output)")

        let wrong = try Self.write(vhost.urlString.replacingOccurrences(of: "guest:guest@", with: "guest:s3cr3t-pw@"))
        let refused = try await WorkerProcessTests.run(intake + ["--amqp-url-file", wrong])
        #expect(refused.status != 0)
        #expect(!refused.output.contains("s3cr3t-pw"), "\(refused.output)")
        #expect(refused.output.contains("guest"), "the error names the user: \(refused.output)")

        let missing = try await WorkerProcessTests.run(intake + ["--amqp-url-file", "/nonexistent/wo-url"])
        #expect(missing.status != 0 && missing.output.contains("cannot read the broker URL file '/nonexistent/wo-url'"), "\(missing.output)")
        try? FileManager.default.removeItem(atPath: good)
        try? FileManager.default.removeItem(atPath: wrong)
        await vhost.delete()
    }
}
