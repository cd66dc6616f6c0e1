import Glibc

/// Runs a system call that returns -1 and sets `errno` on failure, retrying while it is interrupted (EINTR).
///
/// Every system call of this module goes through here once, so a failure always becomes
/// `SocketCANError.systemCall` with the call's name, the interface and the errno.
@inline(__always)
func systemCall<Result: FixedWidthInteger>(
    _ name: StaticString, interface: String = "", _ body: () -> Result
) throws(SocketCANError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if code == EINTR { continue }
        throw SocketCANError.systemCall(name.description, interface: interface, errno: code)
    }
}

/// The calling thread's `errno`.
@inline(__always) func currentErrno() -> Int32 { errno }
