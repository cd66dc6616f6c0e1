#if os(Linux)
    import Glibc
    import LLM
    import LLMSocket
    import Testing

    /// A real loopback socket with a scripted peer: answers each connection with `reply` (or never, when `nil`).
    final class ScriptedServer: @unchecked Sendable {
        let fd: Int32
        let port: Int
        var thread = pthread_t()

        init(reply: [UInt8]?, delayMilliseconds: Int = 0) {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
            listen(listener, 4)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
            fd = listener
            port = Int(UInt16(bigEndian: address.sin_port))
            let job = Unmanaged.passRetained(Job(fd: listener, reply: reply, delay: delayMilliseconds)).toOpaque()
            pthread_create(&thread, nil, serveOne, job)
            pthread_detach(thread)
        }

        final class Job {
            let fd: Int32
            let reply: [UInt8]?
            let delay: Int
            init(fd: Int32, reply: [UInt8]?, delay: Int) {
                self.fd = fd
                self.reply = reply
                self.delay = delay
            }
        }

    }

    /// The peer's thread: one connection, one scripted reply (or silence for 3 s).
    private func serveOne(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        let job = Unmanaged<ScriptedServer.Job>.fromOpaque(raw!).takeRetainedValue()
        let client = accept(job.fd, nil, nil)
        guard client >= 0 else {
            close(job.fd)
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 65536)
        _ = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
        if let reply = job.reply {
            usleep(UInt32(job.delay * 1000))
            _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        } else {
            usleep(3_000_000)
        }
        // FIN, not RST: whatever of the request is still unread is drained before the close.
        shutdown(client, Int32(SHUT_WR))
        while buffer.withUnsafeMutableBytes({ recv(client, $0.baseAddress, $0.count, 0) }) > 0 {}
        close(client)
        close(job.fd)
        return nil
    }

    /// A loopback port nobody listens on: bound, read and closed again.
    func closedPort() -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Suite("LLM socket transport over loopback", .serialized)
    struct SocketTransportTests {
        @Test("a chunked event stream over loopback TCP becomes a completion")
        func streamOverLoopback() throws {
            let events = #"data: {"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"
            let chunk = String(events.utf8.count, radix: 16) + "\r\n" + events + "\r\n0\r\n\r\n"
            let reply = Array(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk).utf8)
            let server = ScriptedServer(reply: reply)
            let client = ChatClient(endpoint: try LLMEndpoint(parsing: "http://127.0.0.1:\(server.port)/v1"), transport: SocketTransport())
            let completion = try client.complete(ChatRequest(model: "m", messages: [.user("hi")], stream: true), deadline: .now + .seconds(5))
            #expect(completion.content == "ok")
        }

        @Test("a server that accepts and never answers costs the deadline, not more")
        func silentServer() throws {
            let server = ScriptedServer(reply: nil)
            let client = ChatClient(endpoint: try LLMEndpoint(parsing: "http://127.0.0.1:\(server.port)/v1"), transport: SocketTransport())
            let start = ContinuousClock.now
            #expect(throws: LLMError.deadlineExceeded(milliseconds: 0)) {
                try client.complete(ChatRequest(model: "m", messages: [.user("hi")]), deadline: .now + .milliseconds(300))
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(290) && elapsed < .milliseconds(1000), "took \(elapsed)")
        }

        @Test("nobody listening is a connection error naming the endpoint and the call")
        func refused() throws {
            let endpoint = try LLMEndpoint(parsing: "http://127.0.0.1:\(closedPort())/v1")
            #expect {
                try SocketTransport().exchange([], endpoint: endpoint, deadline: .now + .seconds(2))
            } throws: { error in
                guard case .connectionFailed(let name, let call, _) = error as? LLMError else { return false }
                return name == endpoint.description && call == "connect"
            }
        }

        @Test("a missing Unix socket is a connection error")
        func missingUnixSocket() throws {
            let endpoint = try LLMEndpoint(parsing: "unix:/nonexistent/llm.sock")
            #expect(throws: LLMError.self) { try SocketTransport().exchange([], endpoint: endpoint, deadline: .now + .seconds(1)) }
        }
    }
#endif
