#if os(Linux)
    import GeniusTestSupport
    import Glibc
    import Testing
    import Varlink
    import VarlinkSocket

    /// The Python `varlink` client from PyPI calls a real server: IntegrationTests/varlink/test_python_client.py.
    @Suite struct PythonClientTests {
        /// The test interface plus the repository's interface files (declared, not implemented here).
        static func service() throws -> VarlinkService {
            var interfaces = [try TestService.interface(notes: TestService.Notes())]
            for name in ["io.cargenius.Vehicle", "io.cargenius.Assistant", "io.cargenius.Bus"] {
                interfaces.append(try VarlinkInterface(description: InterfaceDescriptionTests.readRepositoryInterface(name)))
            }
            return try VarlinkService(info: TestService.info, interfaces: interfaces)
        }

        @Test func pythonVarlinkClientPasses() async throws {
            let python = repositoryRoot + "/.venv/bin/python"
            guard access(python, X_OK) == 0 else {
                Issue.record("\(python) is missing: create the venv and `pip install -r IntegrationTests/requirements.txt`")
                return
            }
            let status = try await withSocketServer(service: Self.service()) { address, _ in
                try await runProcess(
                    [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", repositoryRoot + "/IntegrationTests/varlink"],
                    environment: ["VARLINK_ADDRESS=\(address)"], timeoutSeconds: 120)
            }
            #expect(status == 0, "pytest IntegrationTests/varlink exited with \(status); its output is above")
        }
    }

    /// Runs a program with the current environment plus `environment`, its output going to ours;
    /// returns its exit status (128 + signal when killed). Waits without blocking a concurrency thread.
    func runProcess(_ arguments: [String], environment: [String], timeoutSeconds: Int) async throws -> Int32 {
        var environmentEntries: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            environmentEntries.append(String(cString: pointer))
            entry += 1
        }
        environmentEntries += environment
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environmentEntries.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], nil, nil, argv, envp)
        guard spawned == 0 else { throw VarlinkSocketError.systemCall("posix_spawn", errno: spawned, address: arguments[0]) }
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
#endif
