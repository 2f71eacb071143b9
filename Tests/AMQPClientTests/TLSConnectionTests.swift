import AMQPClient
import Foundation
import Logging
import Testing
import WOTesting

/// amqps:// against a real broker: its own RabbitMQ on 5681 with a TLS listener on 5682
/// (`WO_BROKER_TLS_PORT`), whose throw-away CA and certificates `scripts/broker start`
/// makes in var/rabbitmq/5681/tls/. The broker insists on a client certificate.
@Suite("TLS connections to a real broker", .serialized, TLSBroker())
struct TLSConnectionTests {
    static let port = 5681
    static let tlsPort = 5682
    static let brokerEnvironment = ["WO_BROKER_TLS_PORT": "\(tlsPort)"]
    static var tlsDirectory: String { BrokerTestEnvironment.packageRoot + "/var/rabbitmq/\(port)/tls" }
    static var caFile: String { tlsDirectory + "/ca.pem" }
    static var clientCertificate: String { tlsDirectory + "/client.pem" }
    static var clientKey: String { tlsDirectory + "/client.key" }

    let logger = Logger(label: "test.amqp.tls")

    /// `amqps://guest:<password>@<host>:5682/?…` with the files given.
    static func url(
        host: String = "localhost", password: String = "guest",
        ca: String? = caFile, certificate: String? = clientCertificate, key: String? = clientKey,
        verify: Bool = true
    ) throws -> AMQPURL {
        func encoded(_ path: String) -> String {
            path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-._~"))) ?? path
        }
        var query: [String] = []
        if let ca { query.append("cacertfile=\(encoded(ca))") }
        if let certificate { query.append("certfile=\(encoded(certificate))") }
        if let key { query.append("keyfile=\(encoded(key))") }
        query.append("verify=\(verify)")
        return try AMQPURL(parsing: "amqps://guest:\(password)@\(host):\(tlsPort)/?" + query.joined(separator: "&"))
    }

    /// Connects and expects an AMQPError, soon (no hang), with no password in its text.
    func expectRefusal(_ url: AMQPURL, name: String) async throws -> AMQPError {
        let started = ContinuousClock.now
        do {
            let connection = try await AMQPConnection.connect(to: url, name: name, timeout: .seconds(10), logger: logger)
            await connection.close()
            Issue.record("\(name): connected, but the broker or the client should have refused")
            throw AMQPError.closed
        } catch let error as AMQPError {
            let elapsed = ContinuousClock.now - started
            print("\(name): \(error) (after \(elapsed))")
            #expect(elapsed < .seconds(15), "\(name): took \(elapsed) to fail")
            #expect(!"\(error)".contains(url.password), "\(name): password in '\(error)'")
            #expect(!String(reflecting: error).contains(url.password), "\(name): password in the debug text")
            return error
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func publishAndConsumeOverVerifiedTLSWithAClientCertificate() async throws {
        let connection = try await AMQPConnection.connect(to: try Self.url(), name: "tls-roundtrip", logger: logger)
        // The broker's own view: a TLS connection on the TLS port, with our client certificate.
        let listing = try await BrokerControl.run("connections", port: Self.port, environment: Self.brokerEnvironment)
        let line = listing.split(separator: "\n").first { $0.contains(":\(Self.tlsPort)") }
        #expect(line?.contains("true") == true, "\(listing)")
        #expect(line?.contains("tlsv1.") == true, "\(listing)")
        #expect(line?.contains("CN=wo-test-client") == true, "\(listing)")
        let queue = BrokerTestEnvironment.uniqueName("tls")
        try await connection.declareQueue(QueueSpec(name: queue, autoDelete: false))
        let body = Array("报修 over TLS: 漏水".utf8) + [UInt8](repeating: 0xA5, count: 64 * 1024)
        try await connection.publish(OutgoingMessage(
            exchange: "", routingKey: queue, body: body,
            properties: MessageProperties(messageID: "tls-1", headers: ["site": "NJ-01"])
        ))
        let consumer = try await connection.consume(queue: queue, prefetch: 10)
        var iterator = consumer.makeAsyncIterator()
        let delivery = try #require(try await iterator.next())
        #expect(delivery.body == body)
        #expect(delivery.properties.messageID == "tls-1")
        #expect(delivery.properties.headers["site"] == "NJ-01")
        consumer.ack(delivery)
        #expect(try await connection.deleteQueue(queue) == 0)
        await connection.close()
    }

    /// The broker's refusal races the client's first write (TLS 1.3 checks the client's
    /// certificate after the client finished its handshake), so it is tried many times.
    @Test(.timeLimit(.minutes(5)))
    func noClientCertificateIsRefusedClearly() async throws {
        let url = try Self.url(password: "pw-NoClientCert-7731", certificate: nil, key: nil)
        for attempt in 1...20 {
            let error = try await expectRefusal(url, name: "tls-nocert-\(attempt)")
            guard case .connectionFailed(let host, let port, let reason) = error else {
                Issue.record("expected connectionFailed, got \(error)"); return
            }
            #expect(host == "localhost")
            #expect(port == Self.tlsPort)
            #expect(reason.contains("client certificate"), "\(reason)")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aBrokerCertificateFromAnotherCAFailsVerification() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let otherCA = folder + "/other-ca.pem"
        let openssl = try ChildProcess("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", folder + "/other-ca.key", "-out", otherCA, "-subj", "/CN=another throw-away CA",
        ], outputPath: folder + "/openssl.log")
        #expect(await openssl.wait() == 0, "openssl: \((try? String(contentsOfFile: folder + "/openssl.log", encoding: .utf8)) ?? "")")

        let error = try await expectRefusal(try Self.url(password: "pw-OtherCA-5120", ca: otherCA), name: "tls-otherca")
        guard case .connectionFailed(_, let port, let reason) = error else {
            Issue.record("expected connectionFailed, got \(error)"); return
        }
        #expect(port == Self.tlsPort)
        #expect(reason.contains("verif"), "\(reason)")

        // The same, with verification turned off (testing only), connects: the failure
        // above is the client's verification, not anything else about the connection.
        let unverified = try await AMQPConnection.connect(to: try Self.url(ca: otherCA, verify: false), name: "tls-noverify", logger: logger)
        await unverified.close()
    }

    /// librabbitmq trusts no CA by itself; without cacertfile= the client now verifies
    /// against the system's CAs, which do not include the test broker's throw-away CA.
    @Test(.timeLimit(.minutes(5)))
    func withoutCACertFileTheSystemCAsDecideAndRefuseTheThrowAwayCA() async throws {
        let error = try await expectRefusal(try Self.url(password: "pw-NoCAFile-6604", ca: nil), name: "tls-noca")
        guard case .connectionFailed(_, _, let reason) = error else {
            Issue.record("expected connectionFailed, got \(error)"); return
        }
        #expect(reason.contains("system"), "\(reason)")
    }

    @Test(.timeLimit(.minutes(5)))
    func aWrongPasswordOverTLSIsALoginFailureWithoutThePassword() async throws {
        let url = try Self.url(password: "pw-WrongOverTLS-9042")
        let error = try await expectRefusal(url, name: "tls-badpass")
        guard case .authenticationFailed(let user, _, _) = error else {
            Issue.record("expected authenticationFailed, got \(error)"); return
        }
        #expect(user == "guest")
    }

    /// librabbitmq 0.11 matches the host against DNS names only (not IP addresses in the
    /// certificate), so a verified connection must name the host, not 127.0.0.1.
    @Test(.timeLimit(.minutes(5)))
    func anIPAddressHostFailsHostNameVerificationClearly() async throws {
        let error = try await expectRefusal(try Self.url(host: "127.0.0.1", password: "pw-ByIP-3317"), name: "tls-byip")
        guard case .connectionFailed(let host, _, let reason) = error else {
            Issue.record("expected connectionFailed, got \(error)"); return
        }
        #expect(host == "127.0.0.1")
        #expect(reason.contains("not for host '127.0.0.1'"), "\(reason)")
        #expect(reason.contains("IP addresses"), "\(reason)")
    }
}

/// Starts the suite's TLS broker before its tests and stops it after them, whatever happened.
struct TLSBroker: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let port = TLSConnectionTests.port
        let environment = TLSConnectionTests.brokerEnvironment
        try await BrokerControl.run("start", port: port, environment: environment)
        do {
            try await function()
        } catch {
            _ = try? await BrokerControl.run("stop", port: port, environment: environment)
            throw error
        }
        try await BrokerControl.run("stop", port: port, environment: environment)
    }
}
