#ifndef HANDOVER_CSANDBOX_H
#define HANDOVER_CSANDBOX_H
#include <stddef.h>

/// Caps the process's address space (RLIMIT_AS) and the size of any file it may write
/// (RLIMIT_FSIZE, 0: none). Returns 0, or -1 with errno.
int handover_sandbox_limits(size_t address_space_bytes);

/// Landlock: from now on the process may read only beneath `paths` (files and folders) and may
/// write, create or remove nothing anywhere. Returns the Landlock ABI version used (>= 1), 0 when
/// the kernel has no Landlock (nothing restricted), or -1 when it failed.
int handover_sandbox_read_only(const char *const *paths, int count);

#endif
