// A thin shim over the parts of sd-bus (libsystemd) the DBusAPI module uses.
//
// Like CSystemd, only <stddef.h> and <stdint.h> are included here, never a systemd header: libsystemd.so.0
// is loaded with dlopen on first use, so the package builds without libsystemd-dev and a binary without it
// still runs (geniusd then logs that the D-Bus API is off). Every function mirrors the sd-bus call named
// in its comment and returns what it returns (a negative errno on failure), or CSDBUS_LIBSYSTEMD_MISSING
// when libsystemd.so.0 or the symbol cannot be loaded. The bus and message types are opaque.
#ifndef CSDBUS_H
#define CSDBUS_H

#include <stddef.h>
#include <stdint.h>

/// Returned when libsystemd.so.0 or one of its sd-bus symbols cannot be loaded.
#define CSDBUS_LIBSYSTEMD_MISSING (-100000)

typedef struct csdbus_bus csdbus_bus;
typedef struct csdbus_message csdbus_message;
typedef struct csdbus_slot csdbus_slot;

/// Called for a message (sd_bus_message_handler_t without the error out-parameter): return 1 when handled,
/// 0 to let sd-bus go on (it then answers UnknownMethod), or a negative errno.
typedef int (*csdbus_handler)(csdbus_message *message, void *userdata);

/// Whether libsystemd.so.0 with every sd-bus symbol used here could be loaded (1) or not (0).
int csdbus_available(void);

/// sd_bus_open_system(3) (`which` 0), sd_bus_open_user (1), or sd_bus_new + sd_bus_set_address +
/// sd_bus_set_bus_client + sd_bus_start for `address` (`which` 2): a connection that has said Hello.
int csdbus_open(int which, const char *address, csdbus_bus **bus);
/// sd_bus_flush_close_unref(3).
void csdbus_close(csdbus_bus *bus);
/// sd_bus_request_name(3) with no flags (fails with -EEXIST when another connection owns the name).
int csdbus_request_name(csdbus_bus *bus, const char *name);
/// sd_bus_get_unique_name(3).
int csdbus_unique_name(csdbus_bus *bus, const char **name);
/// sd_bus_add_object(3): `handler` sees every message to `path`.
int csdbus_add_object(csdbus_bus *bus, const char *path, csdbus_handler handler, void *userdata);
/// sd_bus_add_match(3) for `match` (a match rule), synchronously.
int csdbus_add_match(csdbus_bus *bus, const char *match, csdbus_handler handler, void *userdata);
/// sd_bus_process(3): > 0 when it did something (call again), 0 when idle, or a negative errno.
int csdbus_process(csdbus_bus *bus);
/// Waits until the bus has something to process, `wake_fd` (an eventfd) is readable, or sd-bus's own
/// timeout passes (poll on sd_bus_get_fd/get_events/get_timeout); drains `wake_fd`. 0 or a negative errno.
int csdbus_wait(csdbus_bus *bus, int wake_fd);
/// sd_bus_flush(3).
int csdbus_flush(csdbus_bus *bus);

/// eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK): a descriptor, or a negative errno.
int csdbus_eventfd(void);
/// Adds 1 to an eventfd (wakes csdbus_wait). 0 or a negative errno.
int csdbus_wake(int fd);
/// close(2).
void csdbus_close_fd(int fd);

/// sd_bus_message_ref(3) / sd_bus_message_unref(3).
void csdbus_message_ref(csdbus_message *message);
void csdbus_message_unref(csdbus_message *message);
/// sd_bus_message_get_type(3): 1 method call, 2 method return, 3 error, 4 signal; negative errno.
int csdbus_message_type(csdbus_message *message);
/// sd_bus_message_get_interface/member/sender/path/signature(3): NULL when absent.
const char *csdbus_message_interface(csdbus_message *message);
const char *csdbus_message_member(csdbus_message *message);
const char *csdbus_message_sender(csdbus_message *message);
const char *csdbus_message_path(csdbus_message *message);
const char *csdbus_message_signature(csdbus_message *message);

/// sd_bus_message_new_method_return(3) for `call`.
int csdbus_new_return(csdbus_message *call, csdbus_message **reply);
/// sd_bus_message_new_signal(3), then sd_bus_message_set_destination(3) when `destination` is not NULL.
int csdbus_new_signal(csdbus_bus *bus, const char *path, const char *interface, const char *member, const char *destination,
    csdbus_message **signal);
/// sd_bus_reply_method_error(3) to `call` with the error `name` and `text`.
int csdbus_reply_error(csdbus_message *call, const char *name, const char *text);
/// sd_bus_send(3) of `message` on its bus (NULL: the message's own).
int csdbus_send(csdbus_bus *bus, csdbus_message *message);

/// sd_bus_message_append_basic(3) for the types that are strings ('s', 'o', 'g').
int csdbus_append_string(csdbus_message *message, char type, const char *value);
/// sd_bus_message_append_basic(3) of 'x' (int64), 'd' (double), 'b' (bool as int).
int csdbus_append_int64(csdbus_message *message, int64_t value);
int csdbus_append_double(csdbus_message *message, double value);
int csdbus_append_bool(csdbus_message *message, int value);
/// sd_bus_message_open_container(3) / sd_bus_message_close_container(3).
int csdbus_open_container(csdbus_message *message, char type, const char *contents);
int csdbus_close_container(csdbus_message *message);

/// sd_bus_message_peek_type(3): > 0 with `type` and `contents` (for containers), 0 at the end of the
/// current container, or a negative errno.
int csdbus_peek(csdbus_message *message, char *type, const char **contents);
/// sd_bus_message_read_basic(3) of any basic type, widened: integers into `integer` (unsigned 64-bit values
/// above INT64_MAX fail with -ERANGE), 'd' into `real`, 's'/'o'/'g' into `text` (valid until
/// the message is freed); other types (file descriptors 'h') fail with -EINVAL. `kind` says which was set: 1 integer, 2 real, 3 text, 4 bool (in `integer`).
int csdbus_read_basic(csdbus_message *message, char type, int *kind, int64_t *integer, double *real, const char **text);
/// sd_bus_message_enter_container(3) / sd_bus_message_exit_container(3).
int csdbus_enter_container(csdbus_message *message, char type, const char *contents);
int csdbus_exit_container(csdbus_message *message);

/// Runs `body(context)` on a new detached thread (pthread_create(3)): the bus's event loop. 0 or a negative errno.
int csdbus_spawn(void (*body)(void *), void *context);

#endif
