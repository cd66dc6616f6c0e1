#define _GNU_SOURCE
#include "CSocketCAN.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>

const int CSC_SO_TIMESTAMPNS = SO_TIMESTAMPNS;
const int CSC_SO_RXQ_OVFL = SO_RXQ_OVFL;
const int CSC_SO_RCVBUFFORCE = SO_RCVBUFFORCE;

int csc_socket_raw(void) {
    return socket(PF_CAN, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, CAN_RAW);
}

int csc_bind(int fd, int ifindex) {
    struct sockaddr_can address;
    memset(&address, 0, sizeof address);
    address.can_family = AF_CAN;
    address.can_ifindex = ifindex;
    return bind(fd, (struct sockaddr *)&address, sizeof address);
}

int csc_wake_pipe(int fds[2]) { return pipe2(fds, O_NONBLOCK | O_CLOEXEC); }

void csc_set_thread_name(unsigned long thread, const char *name) { pthread_setname_np((pthread_t)thread, name); }

#define CSC_MAX_BATCH 256
#define CSC_CONTROL_SIZE (CMSG_SPACE(sizeof(struct timespec)) + CMSG_SPACE(sizeof(uint32_t)) + 64)

int csc_receive(int fd, csc_rx_slot *slots, unsigned int count) {
    if (count > CSC_MAX_BATCH) count = CSC_MAX_BATCH;
    struct mmsghdr messages[CSC_MAX_BATCH];
    struct iovec vectors[CSC_MAX_BATCH];
    // Control buffers must be aligned for struct cmsghdr.
    union { char bytes[CSC_CONTROL_SIZE]; struct cmsghdr align; } control[CSC_MAX_BATCH];
    for (unsigned int i = 0; i < count; i++) {
        vectors[i].iov_base = &slots[i].frame;
        vectors[i].iov_len = sizeof slots[i].frame;
        memset(&messages[i].msg_hdr, 0, sizeof messages[i].msg_hdr);
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_control = control[i].bytes;
        messages[i].msg_hdr.msg_controllen = sizeof control[i].bytes;
        messages[i].msg_len = 0;
    }
    int received = recvmmsg(fd, messages, count, MSG_DONTWAIT, NULL);
    if (received <= 0) return received;
    for (int i = 0; i < received; i++) {
        csc_rx_slot *slot = &slots[i];
        slot->length = (int32_t)messages[i].msg_len;
        slot->has_drops = 0;
        slot->has_timestamp = 0;
        for (struct cmsghdr *header = CMSG_FIRSTHDR(&messages[i].msg_hdr); header != NULL;
             header = CMSG_NXTHDR(&messages[i].msg_hdr, header)) {
            if (header->cmsg_level != SOL_SOCKET) continue;
            if (header->cmsg_type == SO_TIMESTAMPNS) {
                struct timespec time;
                memcpy(&time, CMSG_DATA(header), sizeof time);
                slot->seconds = time.tv_sec;
                slot->nanoseconds = time.tv_nsec;
                slot->has_timestamp = 1;
            } else if (header->cmsg_type == SO_RXQ_OVFL) {
                memcpy(&slot->drops, CMSG_DATA(header), sizeof slot->drops);
                slot->has_drops = 1;
            }
        }
    }
    return received;
}

// libsocketcan, resolved once with dlopen.
static pthread_once_t csc_libsocketcan_once = PTHREAD_ONCE_INIT;
static int (*csc_get_state)(const char *, int *);
static int (*csc_get_berr_counter)(const char *, struct can_berr_counter *);
static int (*csc_get_bittiming)(const char *, struct can_bittiming *);
static int (*csc_do_restart)(const char *);

static void csc_load_libsocketcan(void) {
    void *library = dlopen("libsocketcan.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    csc_get_state = (int (*)(const char *, int *))dlsym(library, "can_get_state");
    csc_get_berr_counter = (int (*)(const char *, struct can_berr_counter *))dlsym(library, "can_get_berr_counter");
    csc_get_bittiming = (int (*)(const char *, struct can_bittiming *))dlsym(library, "can_get_bittiming");
    csc_do_restart = (int (*)(const char *))dlsym(library, "can_do_restart");
}

#define CSC_CALL(function, ...)                                \
    pthread_once(&csc_libsocketcan_once, csc_load_libsocketcan); \
    if (function == NULL) return -2;                           \
    errno = 0;                                                 \
    return function(__VA_ARGS__) == 0 ? 0 : -1;

int csc_can_get_state(const char *name, int *state) { CSC_CALL(csc_get_state, name, state) }
int csc_can_get_berr_counter(const char *name, struct can_berr_counter *counter) {
    CSC_CALL(csc_get_berr_counter, name, counter)
}
int csc_can_get_bittiming(const char *name, struct can_bittiming *timing) { CSC_CALL(csc_get_bittiming, name, timing) }
int csc_can_do_restart(const char *name) { CSC_CALL(csc_do_restart, name) }
