// A thin shim over the parts of libsystemd and the kernel the Systemd module uses.
//
// Only <stddef.h> and <stdint.h> are included here, never <sys/socket.h> or a systemd header: the
// sockets, fstat and iovecs live in CSystemd.c, so this module and Swift's Glibc module never import the
// same glibc header twice (that breaks whole-module builds). libsystemd (libsystemd.so.0) is loaded with
// dlopen on first use, so the package builds without libsystemd-dev and a binary without it still runs
// (it logs to stderr instead).
#ifndef CSYSTEMD_H
#define CSYSTEMD_H

#include <stddef.h>
#include <stdint.h>

/// Returned by csd_journal_sendv when libsystemd.so.0 or its sd_journal_sendv cannot be loaded.
#define CSD_LIBSYSTEMD_MISSING (-100000)

/// Whether libsystemd.so.0 with sd_journal_sendv could be loaded (1) or not (0).
int csd_journal_available(void);

/// `sd_journal_sendv(3)` of `count` fields, each `NAME=value` of `lengths[i]` bytes (values may hold
/// newlines and NULs). Returns 0, a negative errno, or CSD_LIBSYSTEMD_MISSING.
int csd_journal_sendv(const char *const *fields, const size_t *lengths, int count);

/// Sends one datagram `message` to the AF_UNIX socket at `path` (`path_length` bytes; a leading '@'
/// names an abstract socket), the way sd_notify(3) does. Returns 0 or a negative errno.
int csd_notify(const char *path, size_t path_length, const char *message, size_t message_length);

/// `fcntl(fd, F_SETFD, FD_CLOEXEC)` keeping the other flags; 0 or a negative errno.
int csd_set_cloexec(int fd);

/// `fstat(2)` of `fd`: its device and inode, for JOURNAL_STREAM; 0 or a negative errno.
int csd_device_inode(int fd, uint64_t *device, uint64_t *inode);

/// Whether `fd` is an open descriptor (`fcntl(F_GETFD)` succeeds): 1, or 0.
int csd_fd_is_open(int fd);

/// `clock_gettime(CLOCK_MONOTONIC)` in microseconds, the clock of RELOADING=1's MONOTONIC_USEC.
uint64_t csd_monotonic_usec(void);

/// `write(2)` of the whole buffer, retrying EINTR and short writes; 0 or a negative errno.
int csd_write_all(int fd, const char *buffer, size_t length);

/// `getpid(2)`.
int32_t csd_getpid(void);

#endif
