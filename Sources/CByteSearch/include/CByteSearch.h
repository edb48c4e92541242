#ifndef ENGROSS_CBYTESEARCH_H
#define ENGROSS_CBYTESEARCH_H
// The C library's memmem, which Swift's Glibc module leaves out (glibc declares it only with
// _GNU_SOURCE). glibc's and Darwin's run in linear time whatever the bytes.
#include <stddef.h>

/// The first occurrence of needle[0..<needle_length] in haystack[0..<haystack_length], or NULL.
const void *engross_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
