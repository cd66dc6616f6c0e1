import ArgumentParser
import JSON
import Varlink

#if canImport(VarlinkSocket)
    import Glibc
    import VarlinkSocket
#endif

/// `--address`, shared by every command that talks to geniusd.
struct DaemonOptions: ParsableArguments {
    static let defaultAddress = "unix:/run/geniusd/io.cargenius"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The daemon's Varlink address (default: $GENIUS_ADDRESS, else \(DaemonOptions.defaultAddress)).",
            valueName: "unix:PATH"))
    var address: String?

    /// The address to use: `--address`, else `GENIUS_ADDRESS`, else the default.
    var resolvedAddress: String {
        if let address { return address }
        if let environment = environmentValue("GENIUS_ADDRESS"), !environment.isEmpty { return environment }
        return Self.defaultAddress
    }

    func validate() throws {
        do {
            _ = try VarlinkAddress(parsing: resolvedAddress)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// The value of an environment variable, or `nil`.
func environmentValue(_ name: String) -> String? {
    #if canImport(VarlinkSocket)
        return getenv(name).map { String(cString: $0) }
    #else
        return nil
    #endif
}

/// Whether standard input (0) or output (1) is a terminal.
func isTerminal(_ descriptor: Int32) -> Bool {
    #if canImport(VarlinkSocket)
        return isatty(descriptor) == 1
    #else
        return false
    #endif
}

/// One connection to geniusd, for one command. Failures end the command with a message on standard error
/// that names the address: 69 (EX_UNAVAILABLE) when the daemon cannot be reached or hangs up, 1 when it
/// answers with a Varlink error.
struct DaemonConnection: Sendable {
    let address: String
    let command: String
    private let client: VarlinkClient
    #if canImport(VarlinkSocket)
        private let transport: UnixSocketTransport
    #endif

    /// Connects to `address`; `command` names the caller in messages (`geniusctl ask`).
    static func open(_ address: String, command: String) throws -> DaemonConnection {
        #if canImport(VarlinkSocket)
            let parsed: VarlinkAddress
            do {
                parsed = try VarlinkAddress(parsing: address)
            } catch {
                standardError("\(command): \(error)")
                throw ExitCode(64)  // EX_USAGE
            }
            do {
                let transport = try UnixSocketTransport(connectingTo: parsed)
                return DaemonConnection(address: address, command: command, transport: transport)
            } catch {
                standardError(
                    "\(command): the Car Genius daemon (geniusd) is not reachable at \(address): \(error.reason). "
                        + "Start geniusd, pass --address unix:PATH or set GENIUS_ADDRESS"
                        + " (or, for ask, pass --state FILE to answer offline from a snapshot).")
                throw ExitCode(69)  // EX_UNAVAILABLE
            }
        #else
            standardError("\(command): talking to geniusd needs Linux (Unix sockets)")
            throw ExitCode(69)
        #endif
    }

    #if canImport(VarlinkSocket)
        private init(address: String, command: String, transport: UnixSocketTransport) {
            self.address = address
            self.command = command
            self.transport = transport
            self.client = VarlinkClient(transport: transport)
        }
    #endif

    /// Calls `method` (fully qualified) and returns the reply's parameters.
    func call(_ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> [String: JSONValue] {
        do {
            return try await client.call(method, parameters)
        } catch {
            throw failure(error, method)
        }
    }

    /// Calls `method` with `more` and hands every reply to `body` until the stream ends or `body` returns false.
    func stream(
        _ method: String, _ parameters: [String: JSONValue] = [:],
        _ body: sending ([String: JSONValue]) async throws -> Bool
    ) async throws {
        do {
            try await client.stream(method, parameters, body)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failure(error, method)
        }
    }

    /// Reports `error` and returns the exit code to end with.
    private func failure(_ error: any Error, _ method: String) -> ExitCode {
        switch error {
        case VarlinkError.reply(let name, let parameters):
            let detail = parameters.isEmpty ? "" : " \(JSONValue.object(parameters))"
            standardError("\(command): geniusd at \(address) answered \(method) with the error \(name)\(detail)")
            return name == "org.varlink.service.PermissionDenied" ? ExitCode(77) : ExitCode(1)  // EX_NOPERM
        case VarlinkError.connectionClosed:
            standardError("\(command): geniusd at \(address) closed the connection during \(method)")
            return ExitCode(69)
        default:
            standardError("\(command): lost the connection to geniusd at \(address) during \(method): \(error)")
            return ExitCode(69)
        }
    }

    /// Closes the connection.
    func close() async {
        #if canImport(VarlinkSocket)
            await transport.close()
        #endif
    }
}

#if canImport(VarlinkSocket)
    extension VarlinkSocketError {
        /// The system's reason without the call's name, for a sentence: "No such file or directory".
        var reason: String {
            switch self {
            case .systemCall(_, let code, _): String(cString: strerror(code))
            case .pathTooLong: "the socket path is longer than 107 bytes"
            }
        }
    }
#endif
