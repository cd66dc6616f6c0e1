/// An HTTP/1.1 response as read off the connection: status, headers, the body with its transfer coding undone.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the body is a `text/event-stream`.
    public var isEventStream: Bool { headers["content-type"]?.lowercased().hasPrefix("text/event-stream") ?? false }
}

/// The HTTP/1.1 wire format of the one request the client sends and the responses it reads.
public enum HTTPWire {
    /// `POST path` with a JSON body and `Connection: close` (one request per connection: nothing to pool or pile up).
    public static func postRequest(path: String, host: String, body: [UInt8], stream: Bool) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: geniusd\r\nContent-Type: application/json\r\n"
        head += "Accept: \(stream ? "text/event-stream" : "application/json")\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// What the bytes received so far hold.
    public enum Progress: Equatable, Sendable {
        /// More bytes are needed (the head is incomplete, or the body has not reached its length or last chunk).
        case incomplete
        /// The whole response is here.
        case complete(HTTPResponse)
    }

    /// Reads a response from `bytes`; `closed` says the peer closed the connection (a body without a length ends there).
    public static func parse(_ bytes: [UInt8], closed: Bool) throws(LLMError) -> Progress {
        guard let headEnd = find([13, 10, 13, 10], in: bytes, from: 0) else {
            if closed {
                throw bytes.isEmpty
                    ? .malformedResponse("the server closed the connection without a response")
                    : .malformedResponse("the server closed the connection inside the HTTP head")
            }
            guard bytes.count < 64 * 1024 else { throw .malformedResponse("HTTP head longer than 64 KiB") }
            return .incomplete
        }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw .malformedResponse("not an HTTP/1.x status line: \(statusLine.prefix(80))")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingWhitespace
        }
        let rest = Array(bytes[(headEnd + 4)...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            let (body, done) = try dechunk(rest)
            // Cut off mid-body (closed before the last chunk): what arrived is handed over, and the stream parser or
            // the JSON decoder says what is missing.
            return done || closed ? .complete(HTTPResponse(status: status, headers: headers, body: body)) : .incomplete
        }
        if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { throw .malformedResponse("bad Content-Length: \(lengthText)") }
            if rest.count >= length { return .complete(HTTPResponse(status: status, headers: headers, body: Array(rest.prefix(length)))) }
            if closed { return .complete(HTTPResponse(status: status, headers: headers, body: rest)) }
            return .incomplete
        }
        return closed ? .complete(HTTPResponse(status: status, headers: headers, body: rest)) : .incomplete
    }

    /// Undoes chunked transfer coding; `done` once the last (zero-size) chunk was read.
    static func dechunk(_ bytes: [UInt8]) throws(LLMError) -> (body: [UInt8], done: Bool) {
        var body: [UInt8] = []
        var i = 0
        while true {
            guard let lineEnd = find([13, 10], in: bytes, from: i) else { return (body, false) }
            let sizeText = String(decoding: bytes[i..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingWhitespace, radix: 16), size >= 0 else {
                throw .malformedResponse("bad chunk size: \(sizeText.prefix(20))")
            }
            if size == 0 { return (body, true) }
            let start = lineEnd + 2
            guard bytes.count >= start + size else {
                body += bytes[start...]
                return (body, false)
            }
            body += bytes[start..<(start + size)]
            i = start + size + 2
            if i > bytes.count { return (body, false) }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] {
                var match = true
                for k in 1..<needle.count where haystack[i + k] != needle[k] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }
}
