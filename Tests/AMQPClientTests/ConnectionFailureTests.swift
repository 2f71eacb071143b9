import AMQPClient
import Logging
import Testing
import WOTesting

@Suite("Clear errors when the broker is away or refuses")
struct ConnectionFailureTests {
    let logger = Logger(label: "test.amqp")

    @Test(.timeLimit(.minutes(1)))
    func brokerDownIsAConnectionFailureNotAHang() async throws {
        // Port 1 on loopback: nothing listens there.
        let url = try AMQPURL(parsing: "amqp://guest:guest@127.0.0.1:1/")
        do {
            _ = try await AMQPConnection.connect(to: url, name: "down", logger: logger)
            Issue.record("connected to a port where nothing listens")
        } catch let error as AMQPError {
            guard case .connectionFailed(let host, let port, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(host == "127.0.0.1")
            #expect(port == 1)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func wrongPasswordIsAnAuthenticationFailure() async throws {
        var url = BrokerTestEnvironment.url
        url.password = "definitely-wrong"
        do {
            _ = try await AMQPConnection.connect(to: url, name: "badpass", logger: logger)
            Issue.record("logged in with a wrong password")
        } catch let error as AMQPError {
            guard case .authenticationFailed(let user, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(user == url.user)
            #expect(!"\(error)".contains("definitely-wrong"))
        }
    }

    @Test func urlParsingAndRedaction() throws {
        let url = try AMQPURL(parsing: "amqps://ops:s3cr%40t@mq.example.com/site%2Fa?heartbeat=10&cacertfile=/etc/ca.pem")
        #expect(url.useTLS)
        #expect(url.port == 5671)
        #expect(url.user == "ops")
        #expect(url.password == "s3cr@t")
        #expect(url.vhost == "site/a")
        #expect(url.heartbeatSeconds == 10)
        #expect(url.caCertificatePath == "/etc/ca.pem")
        #expect(!url.description.contains("s3cr"))
        #expect(try AMQPURL(parsing: "amqp://guest:guest@127.0.0.1:5672/").vhost == "/")
        #expect(throws: AMQPError.self) { try AMQPURL(parsing: "http://x/") }
        #expect(throws: AMQPError.self) { try AMQPURL(parsing: "amqp://h/?certfile=/a") }
    }
}
