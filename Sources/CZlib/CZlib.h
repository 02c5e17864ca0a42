// The system zlib (Debian: zlib1g-dev), for raw DEFLATE streams (RFC 1951) such as IMAP
// COMPRESS=DEFLATE (RFC 4978). deflateInit2 and inflateInit2 are macros, which Swift
// cannot call: these inline functions stand in for them.
#ifndef MARTLET_CZLIB_H
#define MARTLET_CZLIB_H

#include <zlib.h>

/// deflateInit2 for a raw stream (no zlib or gzip wrapper): a negative window size.
static inline int martlet_deflateInitRaw(z_streamp stream, int level, int windowBits, int memoryLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, -windowBits, memoryLevel, Z_DEFAULT_STRATEGY);
}

/// inflateInit2 for a raw stream with the largest window, which inflates a stream made
/// with any window size.
static inline int martlet_inflateInitRaw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

#endif
