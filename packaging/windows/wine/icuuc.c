/* Test-only stand-in for Windows' ICU (icuuc.dll, part of Windows 10 1703+), which Wine 8
   lacks: Qt 6 Core imports its converter functions for legacy text codecs. Every codec is
   "not available" here, as with an ICU without converter data; the program itself only
   uses UTF-8. Built by smoke.sh into the Wine prefix of the test, never shipped. */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

static void fail(UErrorCode *err)
{
    if (err != NULL && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
}

__declspec(dllexport) void *ucnv_open(const char *name, UErrorCode *err) { fail(err); return NULL; }
__declspec(dllexport) void ucnv_close(void *cnv) { }
__declspec(dllexport) void ucnv_reset(void *cnv) { }
__declspec(dllexport) signed char ucnv_getMaxCharSize(const void *cnv) { return 1; }
__declspec(dllexport) const char *ucnv_getName(const void *cnv, UErrorCode *err) { fail(err); return NULL; }
__declspec(dllexport) const char *ucnv_getStandardName(const char *name, const char *std, UErrorCode *err) { fail(err); return NULL; }
__declspec(dllexport) int ucnv_countAvailable(void) { return 0; }
__declspec(dllexport) const char *ucnv_getAvailableName(int n) { return NULL; }
__declspec(dllexport) void ucnv_getToUCallBack(const void *cnv, void **action, const void **context) { }
__declspec(dllexport) void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context) { }
__declspec(dllexport) void ucnv_setToUCallBack(void *cnv, void *a, const void *c, void **oa, const void **oc, UErrorCode *err) { fail(err); }
__declspec(dllexport) void ucnv_setFromUCallBack(void *cnv, void *a, const void *c, void **oa, const void **oc, UErrorCode *err) { fail(err); }
__declspec(dllexport) void ucnv_cbToUWriteUChars(void *args, const void *src, int len, int off, UErrorCode *err) { fail(err); }
__declspec(dllexport) void ucnv_cbFromUWriteUChars(void *args, const void **src, const void *end, int off, UErrorCode *err) { fail(err); }
__declspec(dllexport) void ucnv_toUnicode(void *cnv, void **t, const void *te, const char **s, const char *se, int *o, signed char f, UErrorCode *err) { fail(err); }
__declspec(dllexport) void ucnv_fromUnicode(void *cnv, char **t, const char *te, const void **s, const void *se, int *o, signed char f, UErrorCode *err) { fail(err); }
__declspec(dllexport) int ucnv_toUCountPending(const void *cnv, UErrorCode *err) { fail(err); return 0; }
__declspec(dllexport) int ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { fail(err); return 0; }
__declspec(dllexport) void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const void *cu, int l, int cp, int r, UErrorCode *err) { fail(err); }
__declspec(dllexport) void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *cb, int l, int r, UErrorCode *err) { fail(err); }
