#if os(Linux)
    import Glibc

    /// The few process and user-database facts the daemon needs from the C library, each wrapped once.
    public enum Platform {
        /// The resolved path of the running program (`/proc/self/exe`), or `nil`.
        public static func executablePath() -> String? {
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        /// The current directory, or `nil`.
        public static func currentDirectory() -> String? {
            var buffer = [CChar](repeating: 0, count: 4096)
            guard getcwd(&buffer, buffer.count) != nil else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        /// Whether `path` names an existing file.
        public static func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

        /// The process environment as a dictionary.
        public static func environment() -> [String: String] {
            var result: [String: String] = [:]
            var pointer = environ
            while let entry = pointer.pointee {
                let text = String(cString: entry)
                if let equals = text.firstIndex(of: "=") {
                    result[String(text[..<equals])] = String(text[text.index(after: equals)...])
                }
                pointer += 1
            }
            return result
        }

        /// Sleeps `duration` (or until the task is cancelled) on a thread of its own, in `poll(2)`.
        ///
        /// For the daemon's few long timers: while any `Task.sleep` is pending, Dispatch's manager thread on
        /// Linux wakes every second to re-arm its timer, which an idle daemon on a parked car must not pay for.
        public static func quietSleep(for duration: Duration) async {
            let wake = EventDescriptor()
            guard wake.fd >= 0 else {
                try? await Task.sleep(for: duration)
                return
            }
            let (seconds, attoseconds) = duration.components
            let milliseconds = Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let sleeper = Sleeper(wake: wake, milliseconds: milliseconds, continuation: continuation)
                    var thread = pthread_t()
                    let started = pthread_create(
                        &thread, nil,
                        { raw in
                            let sleeper = Unmanaged<Sleeper>.fromOpaque(raw!).takeRetainedValue()
                            var entry = pollfd(fd: sleeper.wake.fd, events: Int16(POLLIN), revents: 0)
                            while poll(&entry, 1, sleeper.milliseconds) < 0, errno == EINTR {}
                            sleeper.continuation.resume()
                            return nil
                        }, Unmanaged.passRetained(sleeper).toOpaque())
                    if started == 0 {
                        pthread_detach(thread)
                    } else {
                        Unmanaged.passUnretained(sleeper).release()
                        continuation.resume()
                    }
                }
            } onCancel: {
                wake.signal()
            }
        }

        /// A pipe whose read end the sleeper polls; closed when the last user lets go (the sleeping thread or
        /// a late cancellation), so a write never reaches a reused descriptor.
        final class EventDescriptor: Sendable {
            let fd: Int32
            let writeEnd: Int32
            init() {
                var ends: [Int32] = [-1, -1]
                if pipe(&ends) != 0 { ends = [-1, -1] }
                for end in ends where end >= 0 { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
                fd = ends[0]
                writeEnd = ends[1]
            }
            func signal() {
                var one: UInt8 = 1
                _ = write(writeEnd, &one, 1)
            }
            deinit {
                if fd >= 0 { close(fd) }
                if writeEnd >= 0 { close(writeEnd) }
            }
        }

        final class Sleeper: @unchecked Sendable {
            let wake: EventDescriptor
            let milliseconds: Int32
            let continuation: CheckedContinuation<Void, Never>
            init(wake: EventDescriptor, milliseconds: Int32, continuation: CheckedContinuation<Void, Never>) {
                self.wake = wake
                self.milliseconds = milliseconds
                self.continuation = continuation
            }
        }

        /// The real user id of this process.
        public static var userID: UInt32 { getuid() }

        /// Creates `path`'s parent directory (one level, mode 0755) when it is missing.
        /// - Throws: `GeniusDaemonError.listener` with the errno text when `mkdir` fails for another reason.
        public static func makeParentDirectory(of path: String, address: String) throws(GeniusDaemonError) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let parent = parts.joined(separator: "/")
            guard !parent.isEmpty, access(parent, F_OK) != 0 else { return }
            if mkdir(parent, 0o755) != 0, errno != EEXIST {
                throw .listener(address: address, problem: "cannot create \(parent): \(String(cString: strerror(errno)))")
            }
        }

        /// Removes the file `path` (`unlink`); a missing file is not an error.
        public static func removeFile(_ path: String) { unlink(path) }

        /// The group id of `name` (`getgrnam_r`), or `nil` when there is no such group.
        public static func groupID(named name: String) -> UInt32? {
            var group = Glibc.group()
            var result: UnsafeMutablePointer<Glibc.group>?
            var buffer = [CChar](repeating: 0, count: 16384)
            guard getgrnam_r(name, &group, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
            return group.gr_gid
        }

        /// Every group `uid` belongs to: its primary group and its supplementary groups (`getpwuid_r`,
        /// `getgrouplist`). Empty when the user is not in the user database.
        public static func groups(ofUser uid: UInt32) -> [UInt32] {
            var passwd = Glibc.passwd()
            var result: UnsafeMutablePointer<Glibc.passwd>?
            var buffer = [CChar](repeating: 0, count: 16384)
            guard getpwuid_r(uid, &passwd, &buffer, buffer.count, &result) == 0, result != nil, let name = passwd.pw_name else {
                return []
            }
            var count: Int32 = 64
            var groups = [gid_t](repeating: 0, count: Int(count))
            if getgrouplist(name, passwd.pw_gid, &groups, &count) < 0 {
                groups = [gid_t](repeating: 0, count: Int(count))
                guard getgrouplist(name, passwd.pw_gid, &groups, &count) >= 0 else { return [passwd.pw_gid] }
            }
            return Array(groups.prefix(Int(count)))
        }
    }
#endif
