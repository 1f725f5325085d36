/*
 * scamnet.extract._scan: the character-level passes of indicator extraction, in C.
 *
 * Python's `re` costs 8-10 ns per character per pass on non-Latin-1 text, and
 * extraction made about eight passes over every text (normalization, the phone,
 * wallet, IBAN and web candidate scans, the handle keywords). This module does
 * them in two loops over the string's own buffer and hands back positions; the
 * finders then run their exact patterns and checks at those positions only.
 *
 * The finders' own pure-Python scans are the reference (native.py): for the phone, wallet
 * and IBAN runs and the handle keyword starts this module returns exactly what
 * it returns; for the web triggers it returns a superset (every position whose
 * character and next character could start a trigger), which the web finder
 * filters with the trigger pattern itself. tests/extract/test_native.py compares
 * the two on real and generated text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* ---------------------------------------------------------------- helpers */

static int
append_int(PyObject *list, Py_ssize_t v)
{
    PyObject *o = PyLong_FromSsize_t(v);
    if (o == NULL)
        return -1;
    int rc = PyList_Append(list, o);
    Py_DECREF(o);
    return rc;
}

static int
append_span(PyObject *list, Py_ssize_t s, Py_ssize_t e)
{
    if (append_int(list, s) < 0)
        return -1;
    return append_int(list, e);
}

static inline int is_digit(Py_UCS4 c) { return c >= '0' && c <= '9'; }
static inline int is_upper(Py_UCS4 c) { return c >= 'A' && c <= 'Z'; }
static inline int is_lower(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }
static inline int is_hex(Py_UCS4 c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
/* Base58: 1-9 A-H J-N P-Z a-k m-z */
static inline int is_b58(Py_UCS4 c)
{
    if (c >= '1' && c <= '9') return 1;
    if (is_upper(c)) return c != 'I' && c != 'O';
    if (is_lower(c)) return c != 'l';
    return 0;
}
/* Bech32 data characters, lower case: 0 2-9 a c-h j-n p-z */
static inline int is_bech_lower(Py_UCS4 c)
{
    if (c == '0' || (c >= '2' && c <= '9')) return 1;
    if (!is_lower(c)) return 0;
    return c != 'b' && c != 'i' && c != 'o';
}
static inline int is_bech_upper(Py_UCS4 c)
{
    if (c == '0' || (c >= '2' && c <= '9')) return 1;
    if (!is_upper(c)) return 0;
    return c != 'B' && c != 'I' && c != 'O';
}
static inline int is_phone_body(Py_UCS4 c)
{
    return is_digit(c) || c == ' ' || c == '.' || c == '(' || c == ')' || c == '-';
}
static inline Py_UCS4 ascii_lower(Py_UCS4 c) { return is_upper(c) ? c + 32 : c; }

/* `buf`, room for `*cap` items of `size` bytes, grown (doubling) to hold
 * `need` items: the same pointer when it already does, else the reallocated
 * one with `*cap` updated; NULL with MemoryError set when that fails. Both
 * growable arrays here (normalized text, handle starts) go through it. */
static void *
grown(void *buf, Py_ssize_t *cap, Py_ssize_t need, size_t size)
{
    if (buf != NULL && need <= *cap)
        return buf;
    Py_ssize_t want = *cap * 2;
    if (want < need)
        want = need;
    if (want < 16)
        want = 16;
    void *more = PyMem_Realloc(buf, size * (size_t)want);
    if (more == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *cap = want;
    return more;
}

/* ------------------------------------------------------------ normalize */

typedef struct {
    Py_UCS4 *buf;
    Py_ssize_t len, cap;
} Out;

static int
out_reserve(Out *o, Py_ssize_t more)
{
    Py_UCS4 *buf = grown(o->buf, &o->cap, o->len + more, sizeof(Py_UCS4));
    if (buf == NULL)
        return -1;
    o->buf = buf;
    return 0;
}

/*
 * normalize(text, special, combining, single, convert)
 *     -> None | (str, n_starts, n_ends, o_starts, o_ends)
 *
 * The loop of scamnet.extract.normalize.normalize over the runs of characters
 * NFKC changes. `special` is a bitmap over the BMP (every astral character
 * counts as special); `combining` a bitmap over U+0000-U+2FFFF of characters
 * that compose with the one before them; `single` a uint32 table over the BMP
 * giving, for a character whose normalized form is one character, that
 * character (0 otherwise); `convert` the (memoized) function that normalizes
 * one run. A run of one such character is mapped through `single`, anything
 * else goes through `convert`, exactly as the Python loop does. An entry of
 * `single` with the PRE bit is a character the Python code replaces before it
 * looks for runs (full-width punctuation): it is mapped wherever it stands and
 * never starts or joins a run. None when the text holds no special and no PRE
 * character at all.
 */
#define PRE 0x80000000u
static PyObject *
scan_normalize(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *convert;
    Py_buffer special, combining, single;
    if (!PyArg_ParseTuple(args, "Uy*y*y*O:normalize", &text, &special, &combining, &single,
                          &convert))
        return NULL;
    PyObject *result = NULL;
    PyObject *lists[4] = {NULL, NULL, NULL, NULL};
    Out out = {NULL, 0, 0};
    if (special.len < 0x10000 / 8 || combining.len < 0x30000 / 8
        || single.len < (Py_ssize_t)(0x10000 * sizeof(uint32_t))) {
        PyErr_SetString(PyExc_ValueError, "tables too short");
        goto done;
    }
    const unsigned char *sp = special.buf, *cb = combining.buf;
    const uint32_t *one = single.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
#define IS_PRE(c) ((c) >= 0x80 && (c) < 0x10000 && (one[c] & PRE))
#define SPECIAL(c) ((c) >= 0x80 && ((c) >= 0x10000 || ((sp[(c) >> 3] >> ((c) & 7)) & 1 && !IS_PRE(c))))
#define COMBINING(c) ((c) < 0x30000 && (cb[(c) >> 3] >> ((c) & 7)) & 1)
#define EFFECTIVE(c) (IS_PRE(c) ? one[c] & ~PRE : (c))
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (SPECIAL(c) || IS_PRE(c))
            break;
        i++;
    }
    if (i == n) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    for (int k = 0; k < 4; k++)
        if ((lists[k] = PyList_New(0)) == NULL)
            goto done;
    if (out_reserve(&out, n + 16) < 0)
        goto done;
    Py_ssize_t cursor = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!SPECIAL(c)) {
            i++;
            continue;
        }
        Py_ssize_t us = i, ue = i + 1;
        while (ue < n && SPECIAL(PyUnicode_READ(kind, data, ue)))
            ue++;
        int mark = COMBINING(c);
        if (us > cursor && mark)
            us--; /* the base the mark composes with */
        if (out_reserve(&out, us - cursor) < 0)
            goto done;
        for (Py_ssize_t k = cursor; k < us; k++) {
            Py_UCS4 d = PyUnicode_READ(kind, data, k);
            out.buf[out.len++] = EFFECTIVE(d);
        }
        if (ue - us == 1 && !mark && c < 0x10000 && one[c]) {
            if (out_reserve(&out, 1) < 0)
                goto done;
            out.buf[out.len++] = one[c];
        }
        else {
            /* The run as the Python loop sees it: a base taken in front of a
             * mark may be a PRE character, already replaced there. */
            Py_UCS4 first = PyUnicode_READ(kind, data, us);
            PyObject *run;
            if (IS_PRE(first)) {
                Py_UCS4 *chars = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(ue - us));
                if (chars == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                chars[0] = EFFECTIVE(first);
                for (Py_ssize_t k = us + 1; k < ue; k++)
                    chars[k - us] = PyUnicode_READ(kind, data, k);
                run = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, ue - us);
                PyMem_Free(chars);
            }
            else {
                run = PyUnicode_Substring(text, us, ue);
            }
            if (run == NULL)
                goto done;
            PyObject *res = PyObject_CallOneArg(convert, run);
            Py_DECREF(run);
            if (res == NULL)
                goto done;
            if (!PyUnicode_Check(res)) {
                Py_DECREF(res);
                PyErr_SetString(PyExc_TypeError, "convert must return str");
                goto done;
            }
            Py_ssize_t res_len = PyUnicode_GET_LENGTH(res);
            if (res_len != ue - us
                && (append_int(lists[0], out.len) < 0 || append_int(lists[1], out.len + res_len) < 0
                    || append_int(lists[2], us) < 0 || append_int(lists[3], ue) < 0)) {
                Py_DECREF(res);
                goto done;
            }
            if (out_reserve(&out, res_len) < 0) {
                Py_DECREF(res);
                goto done;
            }
            for (Py_ssize_t k = 0; k < res_len; k++)
                out.buf[out.len++] = PyUnicode_READ_CHAR(res, k);
            Py_DECREF(res);
        }
        cursor = ue;
        i = ue;
    }
    if (out_reserve(&out, n - cursor) < 0)
        goto done;
    for (Py_ssize_t k = cursor; k < n; k++) {
        Py_UCS4 d = PyUnicode_READ(kind, data, k);
        out.buf[out.len++] = EFFECTIVE(d);
    }
#undef IS_PRE
#undef SPECIAL
#undef COMBINING
#undef EFFECTIVE
    PyObject *joined = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out.buf, out.len);
    if (joined == NULL)
        goto done;
    PyObject *tuples[4] = {NULL, NULL, NULL, NULL};
    for (int k = 0; k < 4; k++) {
        tuples[k] = PyList_AsTuple(lists[k]);
        if (tuples[k] == NULL) {
            for (int j = 0; j < k; j++)
                Py_DECREF(tuples[j]);
            Py_DECREF(joined);
            goto done;
        }
    }
    result = PyTuple_Pack(5, joined, tuples[0], tuples[1], tuples[2], tuples[3]);
    Py_DECREF(joined);
    for (int k = 0; k < 4; k++)
        Py_DECREF(tuples[k]);
done:
    PyMem_Free(out.buf);
    for (int k = 0; k < 4; k++)
        Py_XDECREF(lists[k]);
    PyBuffer_Release(&special);
    PyBuffer_Release(&combining);
    PyBuffer_Release(&single);
    return result;
}

/* ----------------------------------------------------------- candidates */

/* The handle keywords, set once by configure(): each needle's characters
 * (ASCII letters lower case), its length and how far before it a match starts. */
#define MAX_NEEDLES 64
#define MAX_NEEDLE_LEN 16
typedef struct {
    Py_UCS4 chars[MAX_NEEDLE_LEN];
    Py_ssize_t len;
    Py_ssize_t back;
    int word;  /* -1: a handle keyword; else the bit this word sets in the result */
} Needle;

static Needle needles[MAX_NEEDLES];
static int n_needles = 0;
static int configured = 0;
/* Which needles may start at a character: by ASCII code (either case), and
 * for the few needles that start outside ASCII, by a short list. */
static uint64_t ascii_first[128];
static Py_UCS4 other_first[MAX_NEEDLES];
static uint64_t other_mask[MAX_NEEDLES];
static int n_other = 0;
/* (c & 63) of each of them: most characters are rejected with one shift */
static uint64_t other_bloom = 0;

static inline uint64_t
needles_at(Py_UCS4 c)
{
    if (c < 128)
        return ascii_first[c];
    for (int k = 0; k < n_other; k++)
        if (other_first[k] == c)
            return other_mask[k];
    return 0;
}

static int
parse_needle(PyObject *word, Py_ssize_t back, int bit, Needle *out)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    if (len < 1 || len > MAX_NEEDLE_LEN || back < 0) {
        PyErr_SetString(PyExc_ValueError, "bad needle");
        return -1;
    }
    for (Py_ssize_t j = 0; j < len; j++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(word, j);
        if (is_upper(c)) {
            PyErr_SetString(PyExc_ValueError, "needles must be lower case");
            return -1;
        }
        out->chars[j] = c;
    }
    out->len = len;
    out->back = back;
    out->word = bit;
    return 0;
}

/* configure(((needle, back), ...), (word, ...)): the handle keywords, and the
 * words whose presence candidates() reports as a bitmask (bit k: word k). */
static PyObject *
scan_configure(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *handle_needles, *words;
    if (!PyArg_ParseTuple(args, "O!O!:configure", &PyTuple_Type, &handle_needles,
                          &PyTuple_Type, &words))
        return NULL;
    Py_ssize_t n_handles = PyTuple_GET_SIZE(handle_needles), n_words = PyTuple_GET_SIZE(words);
    if (n_handles + n_words > MAX_NEEDLES || n_words > 30) {
        PyErr_SetString(PyExc_ValueError, "too many needles");
        return NULL;
    }
    Needle parsed[MAX_NEEDLES];
    for (Py_ssize_t k = 0; k < n_handles; k++) {
        PyObject *word;
        Py_ssize_t back;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(handle_needles, k), "Un", &word, &back)
            || parse_needle(word, back, -1, &parsed[k]) < 0)
            return NULL;
    }
    for (Py_ssize_t k = 0; k < n_words; k++) {
        PyObject *word = PyTuple_GET_ITEM(words, k);
        if (!PyUnicode_Check(word)) {
            PyErr_SetString(PyExc_TypeError, "words must be str");
            return NULL;
        }
        if (parse_needle(word, 0, (int)k, &parsed[n_handles + k]) < 0)
            return NULL;
    }
    Py_ssize_t count = n_handles + n_words;
    memcpy(needles, parsed, sizeof(Needle) * (size_t)count);
    n_needles = (int)count;
    memset(ascii_first, 0, sizeof(ascii_first));
    n_other = 0;
    other_bloom = 0;
    for (int k = 0; k < n_needles; k++) {
        Py_UCS4 c0 = needles[k].chars[0];
        uint64_t bit = (uint64_t)1 << k;
        if (c0 < 128) {
            ascii_first[c0] |= bit;
            if (is_lower(c0))
                ascii_first[c0 - 32] |= bit;
            continue;
        }
        int j = 0;
        while (j < n_other && other_first[j] != c0) j++;
        if (j == n_other) {
            other_first[n_other] = c0;
            other_mask[n_other++] = 0;
        }
        other_mask[j] |= bit;
        other_bloom |= (uint64_t)1 << (c0 & 63);
    }
    configured = 1;
    Py_RETURN_NONE;
}

static int
cmp_ssize(const void *a, const void *b)
{
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

/* What may start a candidate, by ASCII code; characters with no flag (most
 * lower-case letters, space, most punctuation) are skipped at once. */
enum {
    F_PHONE = 1,   /* [+(0-9] */
    F_HEX0 = 2,    /* 0 of 0x */
    F_B58 = 4,     /* [13T] */
    F_BECH = 8,    /* b or B */
    F_UPPER = 16,  /* A-Z: an IBAN */
    F_WEB = 32,    /* . [ ( { : */
};
static unsigned char ascii_flags[128];

static void
init_flags(void)
{
    for (int c = '0'; c <= '9'; c++) ascii_flags[c] |= F_PHONE;
    ascii_flags['+'] |= F_PHONE;
    ascii_flags['('] |= F_PHONE | F_WEB;
    ascii_flags['0'] |= F_HEX0;
    ascii_flags['1'] |= F_B58;
    ascii_flags['3'] |= F_B58;
    ascii_flags['T'] |= F_B58;
    ascii_flags['b'] |= F_BECH;
    ascii_flags['B'] |= F_BECH;
    for (int c = 'A'; c <= 'Z'; c++) ascii_flags[c] |= F_UPPER;
    ascii_flags['.'] |= F_WEB;
    ascii_flags['['] |= F_WEB;
    ascii_flags['{'] |= F_WEB;
    ascii_flags[':'] |= F_WEB;
}

typedef struct {
    PyObject *phones, *evm, *legacy, *bech, *bech_up, *ibans, *web;
    Py_ssize_t *starts;
    Py_ssize_t n_starts, cap;
    long words;  /* bit k: word k of configure() occurs */
} Found;

static int
add_start(Found *f, Py_ssize_t pos)
{
    Py_ssize_t *starts = grown(f->starts, &f->cap, f->n_starts + 1, sizeof(Py_ssize_t));
    if (starts == NULL)
        return -1;
    f->starts = starts;
    f->starts[f->n_starts++] = pos;
    return 0;
}

/* One pass over the text; `kind` is a constant in each inlined copy, so the
 * character reads compile to plain loads. */
static inline __attribute__((always_inline)) int
scan_text(Found *f, int kind, const void *data, Py_ssize_t n)
{
#define AT(k) PyUnicode_READ(kind, data, (k))
    /* Each pattern resumes after its own previous match, as finditer does. */
    Py_ssize_t phone_next = 0, evm_next = 0, legacy_next = 0, bech_next = 0, bech_up_next = 0;
    Py_ssize_t iban_next = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = AT(i);
        uint64_t mask;
        unsigned flags;
        if (c < 128) {
            mask = ascii_first[c];
            flags = ascii_flags[c];
            if (!mask && !flags)
                continue;
        }
        else {
            if (c == 0x3002 && i + 1 < n) { /* 。: web._TRIGGER */
                if (append_int(f->web, i) < 0) return -1;
                continue;
            }
            if (!((other_bloom >> (c & 63)) & 1))
                continue;
            mask = needles_at(c);
            flags = 0;
        }
        /* the handle keywords (ASCII letters compared case-insensitively) */
        for (; mask; mask &= mask - 1) {
            const Needle *nd = &needles[__builtin_ctzll(mask)];
            if (i + nd->len > n || i < nd->back) continue;
            Py_ssize_t j = 1;
            while (j < nd->len && ascii_lower(AT(i + j)) == nd->chars[j]) j++;
            if (j < nd->len) continue;
            if (nd->word >= 0)
                f->words |= 1L << nd->word;
            else if (add_start(f, i - nd->back) < 0)
                return -1;
        }
        if (!flags)
            continue;
        Py_UCS4 next = i + 1 < n ? AT(i + 1) : 0;
        /* phones._RUN: [+(0-9][0-9 .()\-]{7,} */
        if ((flags & F_PHONE) && i >= phone_next) {
            Py_ssize_t j = i + 1;
            while (j < n && is_phone_body(AT(j))) j++;
            if (j - i - 1 >= 7) {
                if (append_span(f->phones, i, j) < 0) return -1;
                phone_next = j;
            }
        }
        /* wallets: 0x[0-9a-fA-F]{40} */
        if ((flags & F_HEX0) && next == 'x' && i >= evm_next && i + 42 <= n) {
            Py_ssize_t j = i + 2;
            while (j < i + 42 && is_hex(AT(j))) j++;
            if (j == i + 42) {
                if (append_span(f->evm, i, j) < 0) return -1;
                evm_next = j;
            }
        }
        /* wallets: [13T](?<![B58][13T])[B58]{25,34} */
        if ((flags & F_B58) && i >= legacy_next && (i == 0 || !is_b58(AT(i - 1)))) {
            Py_ssize_t j = i + 1;
            while (j < n && j - i - 1 < 34 && is_b58(AT(j))) j++;
            if (j - i - 1 >= 25) {
                if (append_span(f->legacy, i, j) < 0) return -1;
                legacy_next = j;
            }
        }
        /* wallets: bc1[02-9ac-hj-np-z]{6,87} and its upper-case form */
        if ((flags & F_BECH) && i + 2 < n && AT(i + 2) == '1') {
            if (c == 'b' && next == 'c' && i >= bech_next) {
                Py_ssize_t j = i + 3;
                while (j < n && j - i - 3 < 87 && is_bech_lower(AT(j))) j++;
                if (j - i - 3 >= 6) {
                    if (append_span(f->bech, i, j) < 0) return -1;
                    bech_next = j;
                }
            }
            else if (c == 'B' && next == 'C' && i >= bech_up_next) {
                Py_ssize_t j = i + 3;
                while (j < n && j - i - 3 < 87 && is_bech_upper(AT(j))) j++;
                if (j - i - 3 >= 6) {
                    if (append_span(f->bech_up, i, j) < 0) return -1;
                    bech_up_next = j;
                }
            }
        }
        /* banking._IBAN_RUN: [A-Z][A-Z][0-9][0-9][A-Z0-9 ]{11,} */
        if ((flags & F_UPPER) && is_upper(next) && i >= iban_next && i + 3 < n
            && is_digit(AT(i + 2)) && is_digit(AT(i + 3))) {
            Py_ssize_t j = i + 4;
            while (j < n) {
                Py_UCS4 d = AT(j);
                if (!(is_upper(d) || is_digit(d) || d == ' ')) break;
                j++;
            }
            if (j - i - 4 >= 11) {
                if (append_span(f->ibans, i, j) < 0) return -1;
                iban_next = j;
            }
        }
        /* web._TRIGGER, widened: a dot before a letter, "_" or any non-ASCII
         * character; [ ( { before ".", "d" or ":"; ":" before "/". */
        if ((flags & F_WEB) && i + 1 < n) {
            int hit;
            if (c == '.')
                hit = is_lower(next) || is_upper(next) || next == '_' || next >= 0x80;
            else if (c == ':')
                hit = next == '/';
            else
                hit = next == '.' || next == 'd' || next == 'D' || next == ':';
            if (hit && append_int(f->web, i) < 0) return -1;
        }
    }
#undef AT
    return 0;
}

/*
 * candidates(text) -> (phone_runs, wallets, iban_runs, web, handle_starts, words)
 *
 * phone_runs, wallets, iban_runs: flat lists [start, end, ...], the spans
 * finditer gives for phones._RUN; wallets._CANDIDATES (the 0x, Base58 and
 * bc1/BC1 patterns, one after another, as the wallet finder scans them); and
 * banking._IBAN_RUN. web: the positions where web._TRIGGER may match (a
 * superset). handle_starts: sorted, distinct positions where a handle keyword
 * (ASCII letters compared case-insensitively) starts, minus its back offset.
 * words: bit k set when configure()'s word k occurs (ASCII case-insensitive).
 */
static PyObject *
scan_candidates(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "candidates takes a str");
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "configure() the handle needles first");
        return NULL;
    }
    Found f = {PyList_New(0), PyList_New(0), PyList_New(0), PyList_New(0), PyList_New(0),
               PyList_New(0), PyList_New(0), NULL, 0, 0, 0};
    PyObject *handles = NULL, *result = NULL;
    if (!f.phones || !f.evm || !f.legacy || !f.bech || !f.bech_up || !f.ibans || !f.web)
        goto done;
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int rc;
    switch (PyUnicode_KIND(arg)) {
    case PyUnicode_1BYTE_KIND: rc = scan_text(&f, PyUnicode_1BYTE_KIND, data, n); break;
    case PyUnicode_2BYTE_KIND: rc = scan_text(&f, PyUnicode_2BYTE_KIND, data, n); break;
    default: rc = scan_text(&f, PyUnicode_4BYTE_KIND, data, n); break;
    }
    if (rc < 0)
        goto done;
    handles = PyList_New(0);
    if (handles == NULL)
        goto done;
    if (f.n_starts > 1)
        qsort(f.starts, (size_t)f.n_starts, sizeof(Py_ssize_t), cmp_ssize);
    for (Py_ssize_t k = 0; k < f.n_starts; k++) {
        if (k > 0 && f.starts[k] == f.starts[k - 1]) continue;
        if (append_int(handles, f.starts[k]) < 0) goto done;
    }
    /* The wallet finder scans its four shapes one after another. */
    PyObject *tails[3] = {f.legacy, f.bech, f.bech_up};
    for (int k = 0; k < 3; k++) {
        Py_ssize_t at = PyList_GET_SIZE(f.evm);
        if (PyList_SetSlice(f.evm, at, at, tails[k]) < 0)
            goto done;
    }
    PyObject *words = PyLong_FromLong(f.words);
    if (words == NULL)
        goto done;
    result = PyTuple_Pack(6, f.phones, f.evm, f.ibans, f.web, handles, words);
    Py_DECREF(words);
done:
    PyMem_Free(f.starts);
    Py_XDECREF(f.phones);
    Py_XDECREF(f.evm);
    Py_XDECREF(f.legacy);
    Py_XDECREF(f.bech);
    Py_XDECREF(f.bech_up);
    Py_XDECREF(f.ibans);
    Py_XDECREF(f.web);
    Py_XDECREF(handles);
    return result;
}

static PyMethodDef scan_methods[] = {
    {"normalize", scan_normalize, METH_VARARGS,
     "normalize(text, special, combining, single, convert)"
     " -> None | (str, n_starts, n_ends, o_starts, o_ends)"},
    {"configure", scan_configure, METH_VARARGS,
     "configure(((needle, back), ...), (word, ...)) -> None"},
    {"candidates", scan_candidates, METH_O,
     "candidates(text) -> (phone_runs, wallets, iban_runs, web, handle_starts, words)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef scan_module = {
    PyModuleDef_HEAD_INIT, "scamnet.extract._scan",
    "Character-level passes of indicator extraction, in C (see native.py).", -1, scan_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    init_flags();
    return PyModule_Create(&scan_module);
}
