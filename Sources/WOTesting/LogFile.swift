import Foundation

/// A child process's output file, read while the process runs.
public enum LogFile {
    /// Waits until the file at `path` contains `text`; false if `timeout` passes first.
    public static func waitFor(_ text: String, in path: String, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if contents(path).contains(text) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return contents(path).contains(text)
    }

    /// What the file holds now ("" if it does not exist yet).
    public static func contents(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
