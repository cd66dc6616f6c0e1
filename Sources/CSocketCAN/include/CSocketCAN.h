// A thin shim over the kernel's SocketCAN headers for the SocketCAN module.
//
// Only <linux/can*.h> (kernel UAPI) and <stdint.h> are included here, never <sys/socket.h>: the
// message headers, iovecs and CMSG_* walking of recvmmsg live in CSocketCAN.c, so this module and
// Swift's Glibc module never import the same glibc header twice (that breaks whole-module builds).
#ifndef CSOCKETCAN_H
#define CSOCKETCAN_H

#include <stdint.h>
#include <linux/can.h>
#include <linux/can/error.h>
#include <linux/can/netlink.h>
#include <linux/can/raw.h>

/// `SOL_CAN_RAW`, the socket option level of CAN_RAW (a macro expression Swift does not import).
static const int CSC_SOL_CAN_RAW = SOL_CAN_RAW;
/// `SO_TIMESTAMPNS` and `SO_RXQ_OVFL`, `SO_RCVBUFFORCE` (from <asm-generic/socket.h>).
extern const int CSC_SO_TIMESTAMPNS;
extern const int CSC_SO_RXQ_OVFL;
extern const int CSC_SO_RCVBUFFORCE;

/// One received frame with what the kernel said about it in the control messages.
typedef struct csc_rx_slot {
    /// The frame as read: `length` is CAN_MTU (16) for `struct can_frame`, CANFD_MTU (72) for `struct canfd_frame`.
    struct canfd_frame frame;
    int32_t length;
    /// `SO_RXQ_OVFL`: the socket's running count of frames dropped for lack of buffer space.
    uint32_t drops;
    uint8_t has_drops;
    uint8_t has_timestamp;
    /// `SO_TIMESTAMPNS`: the kernel's receive time (CLOCK_REALTIME).
    int64_t seconds;
    int64_t nanoseconds;
} csc_rx_slot;

/// Opens a CAN_RAW socket (`socket(PF_CAN, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, CAN_RAW)`); -1 and errno on failure.
int csc_socket_raw(void);

/// `bind(2)` to `struct sockaddr_can { AF_CAN, ifindex }`; 0, or -1 and errno.
int csc_bind(int fd, int ifindex);

/// `recvmmsg(2)` of at most `count` frames (at most 256) without waiting, filling `slots`.
/// Returns how many slots were filled, or -1 and errno (EAGAIN when nothing is queued).
int csc_receive(int fd, csc_rx_slot *slots, unsigned int count);

/// `pipe2(fds, O_NONBLOCK | O_CLOEXEC)`: the self-pipe that wakes a reader thread out of `poll`.
int csc_wake_pipe(int fds[2]);

/// `pthread_setname_np` (a GNU extension): names a thread for `top -H` and debuggers.
void csc_set_thread_name(unsigned long thread, const char *name);

/// libsocketcan (libsocketcan.so.2), loaded on first use so the package builds without it.
/// Each returns 0, -1 with errno as libsocketcan left it (errno 0 on vcan), or -2 when the library is absent.
int csc_can_get_state(const char *name, int *state);
int csc_can_get_berr_counter(const char *name, struct can_berr_counter *counter);
int csc_can_get_bittiming(const char *name, struct can_bittiming *timing);
int csc_can_do_restart(const char *name);

#endif
