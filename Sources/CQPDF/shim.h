#ifndef ENGROSS_CQPDF_SHIM_H
#define ENGROSS_CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>

#if defined(__linux__)
/* Declared here: glibc's <sys/mman.h> shows it only under _GNU_SOURCE. */
extern int memfd_create(const char *name, unsigned int flags);
/// A file that lives in memory only (never on disk), open for reading and writing, or -1.
static inline int engross_memory_file(void) { return memfd_create("engross-form", 1U /* MFD_CLOEXEC */); }
#else
static inline int engross_memory_file(void) { return -1; }
#endif
#endif
