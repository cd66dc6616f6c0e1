// The system calls and the libsystemd entry point the Systemd module needs; see include/CSystemd.h.
#define _GNU_SOURCE
#include "CSystemd.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

typedef int (*sd_journal_sendv_fn)(const struct iovec *iov, int n);

static pthread_once_t journal_once = PTHREAD_ONCE_INIT;
static sd_journal_sendv_fn journal_sendv = NULL;

static void load_journal(void) {
    void *library = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    journal_sendv = (sd_journal_sendv_fn)dlsym(library, "sd_journal_sendv");
}

int csd_journal_available(void) {
    pthread_once(&journal_once, load_journal);
    return journal_sendv != NULL;
}

int csd_journal_sendv(const char *const *fields, const size_t *lengths, int count) {
    pthread_once(&journal_once, load_journal);
    if (journal_sendv == NULL) return CSD_LIBSYSTEMD_MISSING;
    if (count <= 0) return -EINVAL;
    struct iovec small[32];
    struct iovec *vectors = small;
    if (count > 32) {
        vectors = calloc((size_t)count, sizeof(struct iovec));
        if (vectors == NULL) return -ENOMEM;
    }
    for (int i = 0; i < count; i++) {
        vectors[i].iov_base = (void *)fields[i];
        vectors[i].iov_len = lengths[i];
    }
    int result = journal_sendv(vectors, count);
    if (vectors != small) free(vectors);
    return result;
}

int csd_notify(const char *path, size_t path_length, const char *message, size_t message_length) {
    struct sockaddr_un address;
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    if (path_length == 0 || path_length >= sizeof(address.sun_path)) return -EINVAL;
    if (path[0] != '/' && path[0] != '@') return -EAFNOSUPPORT;
    memcpy(address.sun_path, path, path_length);
    socklen_t address_length;
    if (path[0] == '@') {
        address.sun_path[0] = '\0';
        address_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + path_length);
    } else {
        address_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + path_length + 1);
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    ssize_t sent;
    // MSG_DONTWAIT: a manager (or a test) that does not read must not stall the caller: when its queue
    // is full the datagram is dropped with EAGAIN instead of blocking a thread of the daemon.
    do {
        sent = sendto(fd, message, message_length, MSG_NOSIGNAL | MSG_DONTWAIT, (struct sockaddr *)&address, address_length);
    } while (sent < 0 && errno == EINTR);
    int code = sent < 0 ? -errno : ((size_t)sent != message_length ? -EMSGSIZE : 0);
    close(fd);
    return code;
}

int csd_set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) return -errno;
    if (flags & FD_CLOEXEC) return 0;
    if (fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) return -errno;
    return 0;
}

int csd_device_inode(int fd, uint64_t *device, uint64_t *inode) {
    struct stat status;
    if (fstat(fd, &status) < 0) return -errno;
    *device = (uint64_t)status.st_dev;
    *inode = (uint64_t)status.st_ino;
    return 0;
}

int csd_fd_is_open(int fd) { return fcntl(fd, F_GETFD) >= 0; }

uint64_t csd_monotonic_usec(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
}

int csd_write_all(int fd, const char *buffer, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, buffer, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        buffer += written;
        length -= (size_t)written;
    }
    return 0;
}

int32_t csd_getpid(void) { return (int32_t)getpid(); }
