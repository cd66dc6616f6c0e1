/// Splits a byte stream into Varlink messages at their NUL terminators, incrementally.
///
/// Feed bytes as they arrive with `append(_:)`, then take complete messages with `nextMessage()` until it
/// returns `nil`. A message (without its NUL) longer than `maximumMessageSize` throws
/// `VarlinkError.messageTooLarge`; after that the framer stays failed, as the stream cannot be resynchronised.
public struct MessageFramer: Sendable {
    /// 16 MiB, the default of systemd's sd-varlink.
    public static let defaultMaximumMessageSize = 16 * 1024 * 1024

    public let maximumMessageSize: Int
    private var buffer: [UInt8] = []
    /// Where the next message starts in `buffer`.
    private var start = 0
    /// How far `buffer` has been searched for a NUL (from `start`).
    private var scanned = 0
    private var failed = false

    public init(maximumMessageSize: Int = defaultMaximumMessageSize) {
        precondition(maximumMessageSize > 0, "maximumMessageSize must be positive")
        self.maximumMessageSize = maximumMessageSize
    }

    /// The number of bytes received that do not yet form a complete message.
    public var pendingByteCount: Int { buffer.count - start }

    /// Adds bytes received from the peer.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message without its NUL terminator, or `nil` when more bytes are needed.
    public mutating func nextMessage() throws(VarlinkError) -> [UInt8]? {
        if failed { throw .messageTooLarge(limit: maximumMessageSize) }
        if let index = buffer[max(scanned, start)...].firstIndex(of: 0) {
            guard index - start <= maximumMessageSize else {
                failed = true
                throw .messageTooLarge(limit: maximumMessageSize)
            }
            let message = Array(buffer[start..<index])
            start = index + 1
            scanned = start
            if start == buffer.count {
                buffer.removeAll(keepingCapacity: buffer.capacity <= 65536)
                start = 0
                scanned = 0
            }
            return message
        }
        scanned = buffer.count
        if buffer.count - start > maximumMessageSize {
            failed = true
            throw .messageTooLarge(limit: maximumMessageSize)
        }
        return nil
    }
}
