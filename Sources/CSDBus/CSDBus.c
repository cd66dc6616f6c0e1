// sd-bus from libsystemd.so.0, loaded with dlopen; see include/CSDBus.h.
#define _GNU_SOURCE
#include "CSDBus.h"

#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

// The sd-bus declarations used, as in <systemd/sd-bus.h> (libsystemd's ABI is stable).
typedef struct sd_bus sd_bus;
typedef struct sd_bus_message sd_bus_message;
typedef struct sd_bus_slot sd_bus_slot;
typedef struct {
    const char *name;
    const char *message;
    int _need_free;
} sd_bus_error;
typedef int (*sd_bus_message_handler_t)(sd_bus_message *m, void *userdata, sd_bus_error *ret_error);

static struct {
    int (*open_system)(sd_bus **);
    int (*open_user)(sd_bus **);
    int (*new_bus)(sd_bus **);
    int (*set_address)(sd_bus *, const char *);
    int (*set_bus_client)(sd_bus *, int);
    int (*start)(sd_bus *);
    sd_bus *(*flush_close_unref)(sd_bus *);
    int (*request_name)(sd_bus *, const char *, uint64_t);
    int (*get_unique_name)(sd_bus *, const char **);
    int (*add_object)(sd_bus *, sd_bus_slot **, const char *, sd_bus_message_handler_t, void *);
    int (*add_match)(sd_bus *, sd_bus_slot **, const char *, sd_bus_message_handler_t, void *);
    int (*process)(sd_bus *, sd_bus_message **);
    int (*get_fd)(sd_bus *);
    int (*get_events)(sd_bus *);
    int (*get_timeout)(sd_bus *, uint64_t *);
    int (*flush)(sd_bus *);
    int (*send)(sd_bus *, sd_bus_message *, uint64_t *);
    sd_bus_message *(*message_ref)(sd_bus_message *);
    sd_bus_message *(*message_unref)(sd_bus_message *);
    int (*message_get_type)(sd_bus_message *, uint8_t *);
    const char *(*message_get_interface)(sd_bus_message *);
    const char *(*message_get_member)(sd_bus_message *);
    const char *(*message_get_sender)(sd_bus_message *);
    const char *(*message_get_path)(sd_bus_message *);
    const char *(*message_get_signature)(sd_bus_message *, int);
    int (*new_method_return)(sd_bus_message *, sd_bus_message **);
    int (*new_signal)(sd_bus *, sd_bus_message **, const char *, const char *, const char *);
    int (*set_destination)(sd_bus_message *, const char *);
    int (*reply_method_error)(sd_bus_message *, const sd_bus_error *);
    int (*append_basic)(sd_bus_message *, char, const void *);
    int (*open_container)(sd_bus_message *, char, const char *);
    int (*close_container)(sd_bus_message *);
    int (*peek_type)(sd_bus_message *, char *, const char **);
    int (*read_basic)(sd_bus_message *, char, void *);
    int (*enter_container)(sd_bus_message *, char, const char *);
    int (*exit_container)(sd_bus_message *);
} sd;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded = 0;

#define LOAD(field, symbol)                          \
    do {                                             \
        *(void **)(&sd.field) = dlsym(library, symbol); \
        if (sd.field == NULL) return;                \
    } while (0)

static void load(void) {
    void *library = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    LOAD(open_system, "sd_bus_open_system");
    LOAD(open_user, "sd_bus_open_user");
    LOAD(new_bus, "sd_bus_new");
    LOAD(set_address, "sd_bus_set_address");
    LOAD(set_bus_client, "sd_bus_set_bus_client");
    LOAD(start, "sd_bus_start");
    LOAD(flush_close_unref, "sd_bus_flush_close_unref");
    LOAD(request_name, "sd_bus_request_name");
    LOAD(get_unique_name, "sd_bus_get_unique_name");
    LOAD(add_object, "sd_bus_add_object");
    LOAD(add_match, "sd_bus_add_match");
    LOAD(process, "sd_bus_process");
    LOAD(get_fd, "sd_bus_get_fd");
    LOAD(get_events, "sd_bus_get_events");
    LOAD(get_timeout, "sd_bus_get_timeout");
    LOAD(flush, "sd_bus_flush");
    LOAD(send, "sd_bus_send");
    LOAD(message_ref, "sd_bus_message_ref");
    LOAD(message_unref, "sd_bus_message_unref");
    LOAD(message_get_type, "sd_bus_message_get_type");
    LOAD(message_get_interface, "sd_bus_message_get_interface");
    LOAD(message_get_member, "sd_bus_message_get_member");
    LOAD(message_get_sender, "sd_bus_message_get_sender");
    LOAD(message_get_path, "sd_bus_message_get_path");
    LOAD(message_get_signature, "sd_bus_message_get_signature");
    LOAD(new_method_return, "sd_bus_message_new_method_return");
    LOAD(new_signal, "sd_bus_message_new_signal");
    LOAD(set_destination, "sd_bus_message_set_destination");
    LOAD(reply_method_error, "sd_bus_reply_method_error");
    LOAD(append_basic, "sd_bus_message_append_basic");
    LOAD(open_container, "sd_bus_message_open_container");
    LOAD(close_container, "sd_bus_message_close_container");
    LOAD(peek_type, "sd_bus_message_peek_type");
    LOAD(read_basic, "sd_bus_message_read_basic");
    LOAD(enter_container, "sd_bus_message_enter_container");
    LOAD(exit_container, "sd_bus_message_exit_container");
    loaded = 1;
}

int csdbus_available(void) {
    pthread_once(&load_once, load);
    return loaded;
}

#define REQUIRE_LOADED()                                       \
    do {                                                       \
        if (!csdbus_available()) return CSDBUS_LIBSYSTEMD_MISSING; \
    } while (0)

int csdbus_open(int which, const char *address, csdbus_bus **bus) {
    REQUIRE_LOADED();
    sd_bus *opened = NULL;
    int r;
    if (which == 0) {
        r = sd.open_system(&opened);
    } else if (which == 1) {
        r = sd.open_user(&opened);
    } else {
        r = sd.new_bus(&opened);
        if (r >= 0) r = sd.set_address(opened, address);
        if (r >= 0) r = sd.set_bus_client(opened, 1);
        if (r >= 0) r = sd.start(opened);
        if (r < 0 && opened != NULL) {
            sd.flush_close_unref(opened);
            opened = NULL;
        }
    }
    if (r < 0) return r;
    *bus = (csdbus_bus *)opened;
    return 0;
}

void csdbus_close(csdbus_bus *bus) {
    if (bus != NULL && csdbus_available()) sd.flush_close_unref((sd_bus *)bus);
}

int csdbus_request_name(csdbus_bus *bus, const char *name) {
    REQUIRE_LOADED();
    return sd.request_name((sd_bus *)bus, name, 0);
}

int csdbus_unique_name(csdbus_bus *bus, const char **name) {
    REQUIRE_LOADED();
    return sd.get_unique_name((sd_bus *)bus, name);
}

// The Swift handler and its context, kept for the bus's lifetime (the slot is floating: it goes with the bus).
struct trampoline {
    csdbus_handler handler;
    void *userdata;
};

static int run_trampoline(sd_bus_message *m, void *userdata, sd_bus_error *ret_error) {
    (void)ret_error;
    struct trampoline *t = userdata;
    return t->handler((csdbus_message *)m, t->userdata);
}

int csdbus_add_object(csdbus_bus *bus, const char *path, csdbus_handler handler, void *userdata) {
    REQUIRE_LOADED();
    struct trampoline *t = malloc(sizeof(*t));
    if (t == NULL) return -ENOMEM;
    t->handler = handler;
    t->userdata = userdata;
    // A NULL slot makes it floating: registered until the bus is freed. The trampoline is freed with the
    // process (one per server, never re-registered).
    int r = sd.add_object((sd_bus *)bus, NULL, path, run_trampoline, t);
    if (r < 0) free(t);
    return r;
}

int csdbus_add_match(csdbus_bus *bus, const char *match, csdbus_handler handler, void *userdata) {
    REQUIRE_LOADED();
    struct trampoline *t = malloc(sizeof(*t));
    if (t == NULL) return -ENOMEM;
    t->handler = handler;
    t->userdata = userdata;
    int r = sd.add_match((sd_bus *)bus, NULL, match, run_trampoline, t);
    if (r < 0) free(t);
    return r;
}

int csdbus_process(csdbus_bus *bus) {
    REQUIRE_LOADED();
    return sd.process((sd_bus *)bus, NULL);
}

int csdbus_wait(csdbus_bus *bus, int wake_fd) {
    REQUIRE_LOADED();
    int fd = sd.get_fd((sd_bus *)bus);
    if (fd < 0) return fd;
    int events = sd.get_events((sd_bus *)bus);
    if (events < 0) return events;
    uint64_t until = 0;
    int r = sd.get_timeout((sd_bus *)bus, &until);
    if (r < 0) return r;
    int timeout = -1;
    if (until != UINT64_MAX) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        uint64_t now_usec = (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
        timeout = until <= now_usec ? 0 : (int)((until - now_usec + 999) / 1000);
        if (timeout < 0) timeout = 0;
    }
    struct pollfd fds[2] = {{.fd = fd, .events = (short)events}, {.fd = wake_fd, .events = POLLIN}};
    r = poll(fds, 2, timeout);
    if (r < 0 && errno != EINTR) return -errno;
    if (r > 0 && (fds[1].revents & POLLIN)) {
        uint64_t count;
        while (read(wake_fd, &count, sizeof(count)) < 0 && errno == EINTR) {
        }
    }
    return 0;
}

int csdbus_flush(csdbus_bus *bus) {
    REQUIRE_LOADED();
    return sd.flush((sd_bus *)bus);
}

int csdbus_eventfd(void) {
    int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    return fd < 0 ? -errno : fd;
}

int csdbus_wake(int fd) {
    uint64_t one = 1;
    ssize_t written;
    do {
        written = write(fd, &one, sizeof(one));
    } while (written < 0 && errno == EINTR);
    // EAGAIN: the counter is already non-zero, the loop wakes anyway.
    return written < 0 && errno != EAGAIN ? -errno : 0;
}

void csdbus_close_fd(int fd) { close(fd); }

void csdbus_message_ref(csdbus_message *message) {
    if (csdbus_available()) sd.message_ref((sd_bus_message *)message);
}

void csdbus_message_unref(csdbus_message *message) {
    if (csdbus_available()) sd.message_unref((sd_bus_message *)message);
}

int csdbus_message_type(csdbus_message *message) {
    REQUIRE_LOADED();
    uint8_t type = 0;
    int r = sd.message_get_type((sd_bus_message *)message, &type);
    return r < 0 ? r : type;
}

const char *csdbus_message_interface(csdbus_message *message) { return sd.message_get_interface((sd_bus_message *)message); }
const char *csdbus_message_member(csdbus_message *message) { return sd.message_get_member((sd_bus_message *)message); }
const char *csdbus_message_sender(csdbus_message *message) { return sd.message_get_sender((sd_bus_message *)message); }
const char *csdbus_message_path(csdbus_message *message) { return sd.message_get_path((sd_bus_message *)message); }
const char *csdbus_message_signature(csdbus_message *message) { return sd.message_get_signature((sd_bus_message *)message, 1); }

int csdbus_new_return(csdbus_message *call, csdbus_message **reply) {
    REQUIRE_LOADED();
    return sd.new_method_return((sd_bus_message *)call, (sd_bus_message **)reply);
}

int csdbus_new_signal(csdbus_bus *bus, const char *path, const char *interface, const char *member, const char *destination,
    csdbus_message **signal) {
    REQUIRE_LOADED();
    sd_bus_message *m = NULL;
    int r = sd.new_signal((sd_bus *)bus, &m, path, interface, member);
    if (r < 0) return r;
    if (destination != NULL) {
        r = sd.set_destination(m, destination);
        if (r < 0) {
            sd.message_unref(m);
            return r;
        }
    }
    *signal = (csdbus_message *)m;
    return 0;
}

int csdbus_reply_error(csdbus_message *call, const char *name, const char *text) {
    REQUIRE_LOADED();
    sd_bus_error error = {.name = name, .message = text, ._need_free = 0};
    return sd.reply_method_error((sd_bus_message *)call, &error);
}

int csdbus_send(csdbus_bus *bus, csdbus_message *message) {
    REQUIRE_LOADED();
    return sd.send((sd_bus *)bus, (sd_bus_message *)message, NULL);
}

int csdbus_append_string(csdbus_message *message, char type, const char *value) {
    REQUIRE_LOADED();
    return sd.append_basic((sd_bus_message *)message, type, value);
}

int csdbus_append_int64(csdbus_message *message, int64_t value) {
    REQUIRE_LOADED();
    return sd.append_basic((sd_bus_message *)message, 'x', &value);
}

int csdbus_append_double(csdbus_message *message, double value) {
    REQUIRE_LOADED();
    return sd.append_basic((sd_bus_message *)message, 'd', &value);
}

int csdbus_append_bool(csdbus_message *message, int value) {
    REQUIRE_LOADED();
    int b = value ? 1 : 0;
    return sd.append_basic((sd_bus_message *)message, 'b', &b);
}

int csdbus_open_container(csdbus_message *message, char type, const char *contents) {
    REQUIRE_LOADED();
    return sd.open_container((sd_bus_message *)message, type, contents);
}

int csdbus_close_container(csdbus_message *message) {
    REQUIRE_LOADED();
    return sd.close_container((sd_bus_message *)message);
}

int csdbus_peek(csdbus_message *message, char *type, const char **contents) {
    REQUIRE_LOADED();
    return sd.peek_type((sd_bus_message *)message, type, contents);
}

int csdbus_read_basic(csdbus_message *message, char type, int *kind, int64_t *integer, double *real, const char **text) {
    REQUIRE_LOADED();
    sd_bus_message *m = (sd_bus_message *)message;
    int r;
    switch (type) {
    case 'y': {
        uint8_t v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 1;
        break;
    }
    case 'n': {
        int16_t v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 1;
        break;
    }
    case 'q': {
        uint16_t v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 1;
        break;
    }
    case 'i': {
        int32_t v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 1;
        break;
    }
    case 'u': {
        uint32_t v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 1;
        break;
    }
    case 'x': {
        int64_t v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 1;
        break;
    }
    case 't': {
        uint64_t v;
        r = sd.read_basic(m, type, &v);
        if (r >= 0 && v > INT64_MAX) return -ERANGE;
        *integer = (int64_t)v;
        *kind = 1;
        break;
    }
    case 'b': {
        int v;
        r = sd.read_basic(m, type, &v);
        *integer = v;
        *kind = 4;
        break;
    }
    case 'd': {
        double v;
        r = sd.read_basic(m, type, &v);
        *real = v;
        *kind = 2;
        break;
    }
    case 's':
    case 'o':
    case 'g': {
        const char *v = NULL;
        r = sd.read_basic(m, type, &v);
        *text = v;
        *kind = 3;
        break;
    }
    default:
        return -EINVAL;
    }
    return r;
}

int csdbus_enter_container(csdbus_message *message, char type, const char *contents) {
    REQUIRE_LOADED();
    return sd.enter_container((sd_bus_message *)message, type, contents);
}

int csdbus_exit_container(csdbus_message *message) {
    REQUIRE_LOADED();
    return sd.exit_container((sd_bus_message *)message);
}

struct spawned {
    void (*body)(void *);
    void *context;
};

static void *run_spawned(void *argument) {
    struct spawned s = *(struct spawned *)argument;
    free(argument);
    s.body(s.context);
    return NULL;
}

int csdbus_spawn(void (*body)(void *), void *context) {
    struct spawned *s = malloc(sizeof(*s));
    if (s == NULL) return -ENOMEM;
    s->body = body;
    s->context = context;
    pthread_t thread;
    int r = pthread_create(&thread, NULL, run_spawned, s);
    if (r != 0) {
        free(s);
        return -r;
    }
    pthread_detach(thread);
    return 0;
}
