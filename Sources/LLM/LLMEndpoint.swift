/// Where the OpenAI-compatible server listens: a loopback HTTP port or a Unix socket, never another host.
public enum LLMEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// `http://HOST:PORT/BASE`: `host` is `127.x.y.z`, `localhost` (read as 127.0.0.1) or `::1`; `basePath` is `/v1` by default.
    case http(host: String, port: Int, basePath: String)
    /// `unix:PATH`: HTTP over a Unix stream socket; requests go to `/v1/...`.
    case unix(path: String)

    /// Parses `http://127.0.0.1:PORT/v1` or `unix:PATH`; any other host is refused.
    public init(parsing text: String) throws(LLMError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard path.hasPrefix("/") else { throw .invalidEndpoint(text, reason: "expected unix:/ABSOLUTE/PATH") }
            guard path.utf8.count < 108 else { throw .invalidEndpoint(text, reason: "socket path longer than 107 bytes") }
            self = .unix(path: path)
            return
        }
        guard text.hasPrefix("http://") else {
            if text.hasPrefix("https://") {
                throw .invalidEndpoint(text, reason: "https is not supported: the server is on this machine, use http://127.0.0.1:PORT/v1")
            }
            throw .invalidEndpoint(text, reason: "expected http://127.0.0.1:PORT/v1 or unix:PATH")
        }
        var rest = Substring(text.dropFirst(7))
        var basePath = "/v1"
        if let slash = rest.firstIndex(of: "/") {
            basePath = String(rest[slash...])
            rest = rest[..<slash]
            while basePath.count > 1, basePath.hasSuffix("/") { basePath.removeLast() }
            if basePath == "/" { basePath = "" }
        }
        var host: Substring
        var portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidEndpoint(text, reason: "unclosed [ in the host") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { throw .invalidEndpoint(text, reason: "a port is required, e.g. http://[::1]:8080/v1") }
            portText = after.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else {
                throw .invalidEndpoint(text, reason: "a port is required, e.g. http://127.0.0.1:8080/v1")
            }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidEndpoint(text, reason: "port '\(portText)' is not a number from 1 to 65535")
        }
        let lower = host.lowercased()
        if lower == "localhost" {
            host = "127.0.0.1"
        } else if lower == "::1" {
            host = "::1"
        } else {
            let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
            let numbers = octets.compactMap { UInt8($0) }
            guard octets.count == 4, numbers.count == 4 else { throw .nonLoopbackEndpoint(text) }
            guard numbers[0] == 127 else { throw .nonLoopbackEndpoint(text) }
        }
        self = .http(host: String(host), port: port, basePath: basePath)
    }

    /// The request path of an API method, e.g. `chat/completions` → `/v1/chat/completions`.
    public func path(_ method: String) -> String {
        switch self {
        case .http(_, _, let base): "\(base)/\(method)"
        case .unix: "/v1/\(method)"
        }
    }

    /// The `Host` header value.
    public var hostHeader: String {
        switch self {
        case .http(let host, let port, _): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix: "localhost"
        }
    }

    public var description: String {
        switch self {
        case .http(let host, let port, let base): "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(base)"
        case .unix(let path): "unix:\(path)"
        }
    }
}
