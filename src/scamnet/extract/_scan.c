/*
 * scamnet.extract._scan: the character-level passes of indicator extraction, in C.
 *
 * Python's `re` costs 8-10 ns per character per pass on non-Latin-1 text, and
 * extraction made about eight passes over every text (normalization, the phone,
 * wallet, IBAN and web candidate scans, the handle keywords). This module does
 * them in two loops over the string's own buffer and hands back positions; the
 * finders then run their exact patterns and checks at those positions only.
 *
 * The finders' own pure-Python scans are the reference (native.py): for the phone
 * shapes, the wallet and IBAN runs and the handle keyword starts this module
 * returns exactly what it returns; for the web triggers it returns a superset
 * (every position whose character and next character could start a trigger),
 * which the web finder filters with the trigger pattern itself.
 *
 * It also does the arithmetic of a few per-candidate checks whose rules stay in
 * Python: the phone finder's tests before parsing (phone_at, twin of
 * phones.precheck), Base58 decoding, Keccak-256 with EIP-55 casing, and the
 * Bech32 checksum. tests/extract/test_native.py compares every function with
 * its Python twin on real and generated text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

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
/* Which needles may have the next character as their second one, by that
 * character lower-cased (ASCII), or [128] for any other; a one-character
 * needle is in every entry. Most starts ("t" of "the") end here. */
static uint64_t second_ok[129];
static void update_any(void);

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
    memset(second_ok, 0, sizeof(second_ok));
    n_other = 0;
    other_bloom = 0;
    for (int k = 0; k < n_needles; k++) {
        Py_UCS4 c0 = needles[k].chars[0];
        uint64_t bit = (uint64_t)1 << k;
        if (needles[k].len == 1) {
            for (int j = 0; j < 129; j++)
                second_ok[j] |= bit;
        }
        else {
            Py_UCS4 c1 = needles[k].chars[1];
            second_ok[c1 < 128 ? c1 : 128] |= bit;
        }
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
    update_any();
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
/* 1 for an ASCII character that starts a keyword or a candidate (a needle's
 * first character or any flag above): the scan skips the rest at once. */
static unsigned char ascii_any[128];

static void
update_any(void)
{
    for (int c = 0; c < 128; c++)
        ascii_any[c] = ascii_first[c] != 0 || ascii_flags[c] != 0;
}

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

/* phones._SHAPE matched at `p`, reading no further than `end` (the run's end,
 * finditer's endpos): the end of the match, or -1.
 *   \+ ?\(?\d(?:(?:[ .\-]| ?[()] ?)?\d){6,40} | \(?\d(?:(?:[ .\-]| ?[()] ?)?\d){7,40}
 * Backtracking never changes the result: each optional piece is a character
 * that a digit cannot be, and at any position at most one way to go on with
 * (separator?) digit exists, so the greedy reading is the match. */
static inline __attribute__((always_inline)) Py_ssize_t
shape_at(int kind, const void *data, Py_ssize_t p, Py_ssize_t end)
{
#define AT(k) PyUnicode_READ(kind, data, (k))
    Py_ssize_t q = p;
    int min_units = 7;
    if (AT(q) == '+') {
        q++;
        if (q < end && AT(q) == ' ') q++;
        if (q < end && AT(q) == '(') q++;
        min_units = 6;
    }
    else if (AT(q) == '(') {
        q++;
    }
    if (q >= end || !is_digit(AT(q)))
        return -1;
    q++;
    int units = 0;
    while (units < 40 && q < end) {
        Py_UCS4 c = AT(q);
        Py_ssize_t r = -1;
        if (is_digit(c))
            r = q + 1;
        else if ((c == ' ' || c == '.' || c == '-') && q + 1 < end && is_digit(AT(q + 1)))
            r = q + 2;
        else {
            Py_ssize_t t = q;
            if (AT(t) == ' ') t++;
            if (t < end && (AT(t) == '(' || AT(t) == ')')) {
                t++;
                if (t < end && AT(t) == ' ') t++;
                if (t < end && is_digit(AT(t))) r = t + 1;
            }
        }
        if (r < 0)
            break;
        q = r;
        units++;
    }
    return units >= min_units ? q : -1;
#undef AT
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
            if (!ascii_any[c])
                continue;
            mask = ascii_first[c];
            flags = ascii_flags[c];
        }
        else {
            if (c == 0x3002) { /* 。: web._TRIGGER */
                /* (?<=。)(?=[a-z]) with IGNORECASE: an ASCII letter, or one of
                 * the four characters that case-fold into a-z (İ ı ſ K). Most
                 * 。 end a CJK sentence and are not reported. */
                Py_UCS4 d = i + 1 < n ? AT(i + 1) : 0;
                if ((is_lower(d) || is_upper(d) || d == 0x130 || d == 0x131 || d == 0x17F
                     || d == 0x212A)
                    && append_int(f->web, i) < 0)
                    return -1;
                continue;
            }
            if (!((other_bloom >> (c & 63)) & 1))
                continue;
            mask = needles_at(c);
            flags = 0;
        }
        /* the handle keywords (ASCII letters compared case-insensitively) */
        if (mask) {
            Py_UCS4 c1 = i + 1 < n ? AT(i + 1) : 0;
            mask &= second_ok[c1 < 128 ? ascii_lower(c1) : 128];
        }
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
        /* phones._RUN: [+(0-9][0-9 .()\-]{7,}, then _SHAPE.finditer over the run */
        if ((flags & F_PHONE) && i >= phone_next) {
            Py_ssize_t j = i + 1;
            while (j < n && is_phone_body(AT(j))) j++;
            if (j - i - 1 >= 7) {
                Py_ssize_t p = i;
                while (p < j) {
                    Py_UCS4 d = AT(p);
                    Py_ssize_t q = (d == '+' || d == '(' || is_digit(d)) ? shape_at(kind, data, p, j)
                                                                        : -1;
                    if (q < 0) {
                        p++;
                        continue;
                    }
                    if (append_span(f->phones, p, q) < 0) return -1;
                    p = q;
                }
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
 * candidates(text) -> (phone_shapes, wallets, iban_runs, web, handle_starts, words)
 *
 * phone_shapes, wallets, iban_runs: flat lists [start, end, ...], the spans
 * of phones._SHAPE that finditer gives within each run of phones._RUN
 * (phones.shapes); wallets._CANDIDATES (the 0x, Base58 and
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

/* ---------------------------------------------------------- phone checks */

static inline int
is_bad_before(Py_UCS4 c)  /* phones._BAD_BEFORE */
{
    if (c < 128)
        return is_digit(c) || is_upper(c) || is_lower(c) || c == '_' || c == '#' || c == '*'
               || c == '/' || c == '$' || c == '@' || c == '&' || c == '%';
    return c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x0E3F || c == 0x20AB || c == 0x20B9
           || c == 0x20B1 || c == 0x20A9;  /* € £ ¥ ฿ ₫ ₹ ₱ ₩ */
}

static inline int
is_bad_after(Py_UCS4 c)  /* phones._BAD_AFTER */
{
    if (c < 128)
        return is_digit(c) || is_upper(c) || is_lower(c) || c == '_' || c == '%' || c == '#'
               || c == '*' || c == '/' || c == '$' || c == '@';
    return c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x0E3F || c == 0x20AB;  /* € £ ¥ ฿ ₫ */
}

/* Lengths of the ASCII digit runs of [s, e) split by single separator
 * characters from `seps`; -1 when anything else is there (two separators in
 * a row, a separator at either end, another character). */
static int
digit_groups(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, const char *seps,
             Py_ssize_t *lens, int max_groups)
{
    int groups = 0;
    Py_ssize_t k = s;
    for (;;) {
        Py_ssize_t start = k;
        while (k < e && is_digit(PyUnicode_READ(kind, data, k))) k++;
        if (k == start || groups == max_groups)
            return -1;
        lens[groups++] = k - start;
        if (k == e)
            return groups;
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c >= 128 || c == 0 || strchr(seps, (int)c) == NULL)
            return -1;
        k++;
    }
}

/* phones._DATE.fullmatch: \d{4}[.\-]\d{1,2}[.\-]\d{1,2} | \d{1,2}[.\-]\d{1,2}[.\-]\d{4} */
static int
is_date(int kind, const void *data, Py_ssize_t s, Py_ssize_t e)
{
    Py_ssize_t g[3];
    if (digit_groups(kind, data, s, e, ".-", g, 3) != 3)
        return 0;
    if (g[0] == 4 && g[1] <= 2 && g[2] <= 2)
        return 1;
    return g[0] <= 2 && g[1] <= 2 && g[2] == 4;
}

/* phones._YYYYMMDD.fullmatch: (?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) */
static int
is_yyyymmdd(int kind, const void *data, Py_ssize_t s, Py_ssize_t e)
{
    if (e - s != 8)
        return 0;
    int d[8];
    for (int k = 0; k < 8; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, s + k);
        if (!is_digit(c))
            return 0;
        d[k] = (int)(c - '0');
    }
    int century = d[0] * 10 + d[1], month = d[4] * 10 + d[5], day = d[6] * 10 + d[7];
    return (century == 19 || century == 20) && month >= 1 && month <= 12 && day >= 1
           && day <= 31;
}

/* phones._GROUPED_AMOUNT.fullmatch: \d{1,3}(?:[ .]\d{3})+ */
static int
is_grouped_amount(int kind, const void *data, Py_ssize_t s, Py_ssize_t e)
{
    Py_ssize_t g[16];
    int groups = digit_groups(kind, data, s, e, " .", g, 16);
    if (groups < 2 || g[0] > 3)
        return 0;
    for (int k = 1; k < groups; k++)
        if (g[k] != 3)
            return 0;
    return 1;
}

/*
 * phone_at(text, s, e) -> None | (start, end, check_currency)
 *
 * What phones._parse_at does with a candidate span before parsing it (its
 * Python twin is phones.precheck): the span stripped of " .-", an opening
 * bracket without a closing one dropped, 8 to 15 ASCII digits, and
 * phones._looks_like_other_number without its last test. None when the span
 * is not a phone; else the span to parse, and True when the currency pattern
 * after it (phones._CURRENCY_AFTER, left in Python) still decides.
 */
static PyObject *
scan_phone_at(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text;
    Py_ssize_t s, e;
    if (!PyArg_ParseTuple(args, "Unn:phone_at", &text, &s, &e))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (s < 0 || e > n || s > e) {
        PyErr_SetString(PyExc_ValueError, "span out of range");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
#define AT(k) PyUnicode_READ(kind, data, (k))
#define STRIPPED(c) ((c) == ' ' || (c) == '.' || (c) == '-')
    while (s < e && STRIPPED(AT(s))) s++;
    while (e > s && STRIPPED(AT(e - 1))) e--;
#undef STRIPPED
    if (s == e)
        Py_RETURN_NONE;
    if (AT(s) == '(') {
        int closed = 0;
        for (Py_ssize_t k = s + 1; k < e && !closed; k++)
            closed = AT(k) == ')';
        if (!closed)
            s++;
    }
    Py_ssize_t digits = 0;
    for (Py_ssize_t k = s; k < e; k++)
        digits += is_digit(AT(k));
    if (digits < 8 || digits > 15)
        Py_RETURN_NONE;
    if ((s > 0 && is_bad_before(AT(s - 1))) || (e < n && is_bad_after(AT(e))))
        Py_RETURN_NONE;
    Py_UCS4 first = AT(s);
#undef AT
    int check_currency = 0;
    if (first != '+') {
        if (is_date(kind, data, s, e) || is_yyyymmdd(kind, data, s, e))
            Py_RETURN_NONE;
        if (first != '0' && first != '(') {
            if (is_grouped_amount(kind, data, s, e))
                Py_RETURN_NONE;
            check_currency = 1;
        }
    }
    return Py_BuildValue("nnO", s, e, check_currency ? Py_True : Py_False);
}

/* -------------------------------------------------------- wallet checks */

/* The arithmetic of the wallet finder's checks (wallets.py), which cost 8-30 µs
 * a never-seen address in Python: Base58 decoding, Keccak-256 for EIP-55, and
 * the Bech32 checksum's BCH code. The rules stay in Python; each function here
 * declines (returns None) on input outside its plain domain, and the caller
 * then runs the Python code, so the result never depends on which ran.
 * tests/extract/test_native.py compares each with its Python twin. */

static int8_t b58_digit[128];

static void
init_b58(void)
{
    static const char alphabet[] =
        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    memset(b58_digit, -1, sizeof(b58_digit));
    for (int k = 0; k < 58; k++)
        b58_digit[(unsigned char)alphabet[k]] = (int8_t)k;
}

/*
 * b58decode(text) -> bytes | None
 *
 * base58.b58decode(text) (Bitcoin alphabet) for a str of 1 to 128 Base58
 * characters: a zero byte per leading "1", then the rest read as one
 * big-endian number, without leading zero bytes. None for anything else.
 */
static PyObject *
scan_b58decode(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "b58decode takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    if (n < 1 || n > 128 || PyUnicode_KIND(arg) != PyUnicode_1BYTE_KIND)
        Py_RETURN_NONE;
    const unsigned char *in = PyUnicode_1BYTE_DATA(arg);
    /* 58^128 < 256^96: the number fits in 96 bytes, kept big-endian. */
    unsigned char num[96];
    memset(num, 0, sizeof(num));
    Py_ssize_t zeros = 0;
    while (zeros < n && in[zeros] == '1')
        zeros++;
    int first = (int)sizeof(num);  /* num[first:] holds the number so far */
    for (Py_ssize_t k = 0; k < n; k++) {
        unsigned char c = in[k];
        int digit = c < 128 ? b58_digit[c] : -1;
        if (digit < 0)
            Py_RETURN_NONE;
        unsigned carry = (unsigned)digit;
        for (int j = (int)sizeof(num) - 1; j >= 0 && (j >= first || carry); j--) {
            carry += 58u * num[j];
            num[j] = (unsigned char)(carry & 0xFF);
            carry >>= 8;
            if (j < first)
                first = j;
        }
    }
    while (first < (int)sizeof(num) && num[first] == 0)
        first++;
    Py_ssize_t len = zeros + (Py_ssize_t)sizeof(num) - first;
    PyObject *out = PyBytes_FromStringAndSize(NULL, len);
    if (out == NULL)
        return NULL;
    char *buf = PyBytes_AS_STRING(out);
    memset(buf, 0, (size_t)zeros);
    memcpy(buf + zeros, num + first, sizeof(num) - (size_t)first);
    return out;
}

/* Keccak-256 as Ethereum uses it (the original Keccak padding, 0x01, not
 * SHA-3's 0x06): the Keccak-f[1600] permutation, rate 136 bytes. */
static const uint64_t keccak_rc[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL,
    0x8000000080008000ULL, 0x000000000000808bULL, 0x0000000080000001ULL,
    0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL,
    0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
    0x000000000000800aULL, 0x800000008000000aULL, 0x8000000080008081ULL,
    0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};
static const int keccak_rot[24] = {
    1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
};
static const int keccak_pi[24] = {
    10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
};

static inline uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static void
keccak_f(uint64_t st[25])
{
    uint64_t bc[5], t;
    for (int round = 0; round < 24; round++) {
        for (int i = 0; i < 5; i++)
            bc[i] = st[i] ^ st[i + 5] ^ st[i + 10] ^ st[i + 15] ^ st[i + 20];
        for (int i = 0; i < 5; i++) {
            t = bc[(i + 4) % 5] ^ rotl64(bc[(i + 1) % 5], 1);
            for (int j = 0; j < 25; j += 5)
                st[j + i] ^= t;
        }
        t = st[1];
        for (int i = 0; i < 24; i++) {
            int j = keccak_pi[i];
            bc[0] = st[j];
            st[j] = rotl64(t, keccak_rot[i]);
            t = bc[0];
        }
        for (int j = 0; j < 25; j += 5) {
            for (int i = 0; i < 5; i++)
                bc[i] = st[j + i];
            for (int i = 0; i < 5; i++)
                st[j + i] ^= (~bc[(i + 1) % 5]) & bc[(i + 2) % 5];
        }
        st[0] ^= keccak_rc[round];
    }
}

#define KECCAK_RATE 136

static void
keccak256(const unsigned char *data, Py_ssize_t len, unsigned char out[32])
{
    uint64_t st[25];
    unsigned char block[KECCAK_RATE];
    memset(st, 0, sizeof(st));
    for (;;) {
        Py_ssize_t take = len < KECCAK_RATE ? len : KECCAK_RATE;
        memset(block, 0, sizeof(block));
        memcpy(block, data, (size_t)take);
        int last = take < KECCAK_RATE;
        if (last) {
            block[take] ^= 0x01;
            block[KECCAK_RATE - 1] ^= 0x80;
        }
        for (int k = 0; k < KECCAK_RATE / 8; k++) {
            uint64_t lane = 0;
            for (int b = 7; b >= 0; b--)
                lane = (lane << 8) | block[8 * k + b];
            st[k] ^= lane;
        }
        keccak_f(st);
        if (last)
            break;
        data += take;
        len -= take;
    }
    for (int k = 0; k < 32; k++)
        out[k] = (unsigned char)(st[k / 8] >> (8 * (k % 8)));
}

/* keccak256(data: bytes) -> bytes: the 32-byte Keccak-256 digest. */
static PyObject *
scan_keccak256(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    unsigned char digest[32];
    keccak256(view.buf, view.len, digest);
    PyBuffer_Release(&view);
    return PyBytes_FromStringAndSize((const char *)digest, 32);
}

/*
 * eip55(hex40) -> str | None
 *
 * wallets.eip55_checksum for 40 ASCII hex digits (either case): the digits
 * lower-cased, then each letter upper-cased where the matching hex digit of
 * Keccak-256(lower-case digits) is 8 or more. None for any other str.
 */
static PyObject *
scan_eip55(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "eip55 takes a str");
        return NULL;
    }
    if (PyUnicode_GET_LENGTH(arg) != 40 || PyUnicode_KIND(arg) != PyUnicode_1BYTE_KIND)
        Py_RETURN_NONE;
    const unsigned char *in = PyUnicode_1BYTE_DATA(arg);
    unsigned char lower[40], digest[32];
    for (int k = 0; k < 40; k++) {
        unsigned char c = in[k];
        if (!is_hex(c))
            Py_RETURN_NONE;
        lower[k] = (unsigned char)ascii_lower(c);
    }
    keccak256(lower, 40, digest);
    char out[40];
    for (int k = 0; k < 40; k++) {
        int nibble = k % 2 ? digest[k / 2] & 0x0F : digest[k / 2] >> 4;
        out[k] = (char)(lower[k] >= 'a' && nibble >= 8 ? lower[k] - 32 : lower[k]);
    }
    return PyUnicode_FromStringAndSize(out, 40);
}

/*
 * bech32_polymod(values: bytes) -> int
 *
 * bech32._polymod: the BCH checksum of BIP-173 over 5-bit values (each byte
 * must be below 32, else ValueError).
 */
static PyObject *
scan_bech32_polymod(PyObject *self, PyObject *arg)
{
    (void)self;
    static const uint32_t gen[5] = {0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3};
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *v = view.buf;
    uint32_t chk = 1;
    for (Py_ssize_t k = 0; k < view.len; k++) {
        if (v[k] >= 32) {
            PyBuffer_Release(&view);
            PyErr_SetString(PyExc_ValueError, "bech32 values are 5-bit");
            return NULL;
        }
        uint32_t top = chk >> 25;
        chk = ((chk & 0x1FFFFFF) << 5) ^ v[k];
        for (int i = 0; i < 5; i++)
            if ((top >> i) & 1)
                chk ^= gen[i];
    }
    PyBuffer_Release(&view);
    return PyLong_FromUnsignedLong(chk);
}

static PyMethodDef scan_methods[] = {
    {"normalize", scan_normalize, METH_VARARGS,
     "normalize(text, special, combining, single, convert)"
     " -> None | (str, n_starts, n_ends, o_starts, o_ends)"},
    {"configure", scan_configure, METH_VARARGS,
     "configure(((needle, back), ...), (word, ...)) -> None"},
    {"candidates", scan_candidates, METH_O,
     "candidates(text) -> (phone_shapes, wallets, iban_runs, web, handle_starts, words)"},
    {"phone_at", scan_phone_at, METH_VARARGS,
     "phone_at(text, s, e) -> None | (start, end, check_currency)"},
    {"b58decode", scan_b58decode, METH_O, "b58decode(text) -> bytes | None"},
    {"keccak256", scan_keccak256, METH_O, "keccak256(data) -> bytes"},
    {"eip55", scan_eip55, METH_O, "eip55(hex40) -> str | None"},
    {"bech32_polymod", scan_bech32_polymod, METH_O, "bech32_polymod(values) -> int"},
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
    init_b58();
    return PyModule_Create(&scan_module);
}
