# Shared by scripts/run and scripts/test: find Swift, install Debian packages we need.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
    fi
    command -v swift >/dev/null 2>&1 || {
        echo "swift not found: install Swift 6 (https://swift.org/install) or put it on PATH" >&2
        exit 1
    }
}

# Build with the machine-wide lock when present, so two builds never share 2 cores.
swift_locked() {
    if command -v flock >/dev/null 2>&1; then flock -o /tmp/wo-swift-build.lock swift "$@"; else swift "$@"; fi
}
