/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: ProcessPrng
   (Windows 10+) fills a buffer with random bytes; here through RtlGenRandom. Built by
   smoke.sh into the Wine prefix of the test, never shipped: Windows 10/11 has the real one. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
