#ifndef ENGROSS_CSYSTEMZLIB_SHIM_H
#define ENGROSS_CSYSTEMZLIB_SHIM_H
// The system zlib: CRC-32 and raw deflate for the DOCX writer's ZIP packages.
#include <zlib.h>
#endif
