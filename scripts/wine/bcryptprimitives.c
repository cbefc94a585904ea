/*
 * A stand-in for Windows' bcryptprimitives.dll, for running nianbao's Windows
 * build under Wine only (scripts/windows-check.sh). Rust's std (>= 1.78) takes
 * its random numbers from ProcessPrng in this DLL; Debian's Wine 8.0 does not
 * ship it, so every Rust .exe fails to load there. Real Windows 10/11 has the
 * real DLL: this one is never installed or shipped.
 *
 * ProcessPrng forwards to RtlGenRandom (advapi32's SystemFunction036), which
 * Wine has. Like the real one it always succeeds: std aborts on FALSE.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG: feed it in chunks. */
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
