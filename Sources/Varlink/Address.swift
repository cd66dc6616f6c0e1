/// A Varlink service address: `unix:/run/geniusd/io.cargenius` or `unix:@abstract-name`.
public struct VarlinkAddress: Sendable, Equatable, CustomStringConvertible {
    /// The socket path, or for an abstract socket the name after `@` (then `isAbstract` is true).
    public var path: String
    public var isAbstract: Bool

    /// Parses the Varlink address syntax; a `;mode=0660` style suffix is accepted and ignored.
    /// - Throws: `VarlinkError.invalidMessage` naming the address when it is not `unix:`.
    public init(parsing text: String) throws(VarlinkError) {
        guard text.hasPrefix("unix:") else {
            throw .invalidMessage(reason: "address \"\(text)\" is not of the form unix:PATH or unix:@NAME")
        }
        var rest = text.dropFirst("unix:".count)
        if let semicolon = rest.firstIndex(of: ";") { rest = rest[..<semicolon] }
        if rest.hasPrefix("@") {
            isAbstract = true
            path = String(rest.dropFirst())
        } else {
            isAbstract = false
            path = String(rest)
        }
        guard !path.isEmpty else { throw .invalidMessage(reason: "address \"\(text)\" has an empty path") }
    }

    public init(path: String) {
        self.path = path
        self.isAbstract = false
    }

    public var description: String { isAbstract ? "unix:@\(path)" : "unix:\(path)" }
}
