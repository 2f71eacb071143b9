import Foundation
import Glibc

extension SQLiteOrderStore {
    /// An exclusive `flock` on `<store>.serve-lock`, which holds the holder's pid. The
    /// kernel drops the lock when the process dies, so a crashed server never blocks the
    /// next one.
    public func claimForServer() async throws -> any ServerClaim {
        let lockPath = path + ".serve-lock"
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError.cannotOpen(location: path, reason: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = read(fd, &buffer, buffer.count)
            Glibc.close(fd)
            let pid = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            throw StoreError.inUse(location: path, holder: "pid \(pid)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return FileClaim(fd: fd)
    }
}

final class FileClaim: ServerClaim {
    private let fd: Int32

    init(fd: Int32) {
        self.fd = fd
    }

    func release() async {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
