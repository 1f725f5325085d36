/*
 * scamnet.analyze._linear: the inner loops of LinearNgramModel in C.
 *
 * Classifying a text is three passes over its ~1,200 hashed n-grams: the
 * product with the weight matrix, the per-n-gram contributions behind the
 * reasons, and the selection of the strongest spans.  In numpy/scipy the first
 * two read every n-gram's weight row twice (one random read each from an 8 MB
 * matrix) and the third was a Python loop; together they kept `scamnet
 * classify` under its speed target.  linear.py keeps the Python versions as the
 * reference and the fallback; tests/analyze/test_explain.py checks that both
 * give identical results.
 *
 * score_rows(bucket, value, counts, weights, n_out, bias, logits, column, contrib)
 *   The logits of a batch: for text i, logits[i] = bias + sum over its
 *   n-grams j of value[j] * weights[bucket[j]], summed in float32 in n-gram
 *   order from zero and then added to the bias -- the order scipy's CSR
 *   product uses, so the result is bit-identical.  When contrib is not None
 *   it also receives value[j] * weights[bucket[j], column] for every n-gram,
 *   read from the same row while it is in the cache.
 *   bucket: int64, value: float32, one entry per n-gram, texts one after
 *   another; counts: int64, the n-grams of each text; weights: float32, the
 *   (buckets, n_out) matrix flattened; bias: float32[n_out]; logits:
 *   writable float32[texts * n_out]; contrib: writable float32[n-grams].
 *
 * reason_spans(text, contrib, start, length, k, limit, most[, lo, hi, sign])
 *     -> list of [start, end, weight], strongest first
 *   The n-grams are entries lo..hi of the buffers (all of them by default),
 *   each contribution multiplied by sign (+1 or -1).
 *   contrib: float32 buffer, one entry per n-gram of the text
 *   start, length: int64 buffers of the same size
 *   1. Takes the k largest positive contributions, largest first, ties in
 *      index order (what a stable argsort of -contrib gives).
 *   2. Clips each n-gram to [0, limit), skips the empty ones, and gathers them
 *      strongest first: an n-gram overlapping a span already made joins the
 *      first such span (which widens to cover it, its weight adding in), else
 *      it starts a new span.
 *   3. Widens each span to whole words (at most `most` characters), trims
 *      white space, merges spans that now overlap (in start order), and sorts
 *      them by weight, then start.
 *   Weights are summed in double precision in the same order as Python does,
 *   so the result is identical to linear._reason_spans.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

typedef struct {
    float value;
    Py_ssize_t index;
} Entry;

/* Insert entry e into best[0..*n) kept sorted by value descending, index
 * ascending; capacity k.  Entries arrive in index order, so an entry equal to
 * one already kept goes after it. */
static void
keep(Entry *best, Py_ssize_t *n, Py_ssize_t k, Entry e)
{
    Py_ssize_t p = *n;
    if (p == k) {
        if (!(e.value > best[k - 1].value))
            return;
        p = k - 1;
    }
    while (p > 0 && best[p - 1].value < e.value) {
        best[p] = best[p - 1];
        p--;
    }
    best[p] = e;
    if (*n < k)
        (*n)++;
}

typedef struct {
    Py_ssize_t a, b;
    double w;
} Span;

/* A character of a word run (linear._WORD_RUN): alphanumeric, and not from a
 * script written without spaces between words (Thai, Lao, Burmese, Khmer,
 * CJK and everything from U+2E80 up). */
static int
word_char(Py_UCS4 ch)
{
    if (ch >= 0x2E80 || (ch >= 0x0E00 && ch <= 0x0EFF) || (ch >= 0x1000 && ch <= 0x109F)
        || (ch >= 0x1780 && ch <= 0x17FF))
        return 0;
    return Py_UNICODE_ISALNUM(ch);
}

/* linear._widen: extend [a, b) to whole words, at most `most` long, then trim
 * white space.  `limit` bounds the word runs (the text is read up to it). */
static void
widen(int kind, const void *data, Py_ssize_t limit, Py_ssize_t most, Span *sp)
{
    Py_ssize_t a = sp->a, b = sp->b;
    if (0 < a && b - a < most && a < limit && word_char(PyUnicode_READ(kind, data, a))
        && word_char(PyUnicode_READ(kind, data, a - 1))) {
        Py_ssize_t floor = b - most, i = a;
        while (i > 0 && i > floor && word_char(PyUnicode_READ(kind, data, i - 1)))
            i--;
        a = i;
    }
    if (0 < b && b < limit && b - a < most && word_char(PyUnicode_READ(kind, data, b))
        && word_char(PyUnicode_READ(kind, data, b - 1))) {
        Py_ssize_t ceil = a + most, i = b;
        while (i < limit && i < ceil && word_char(PyUnicode_READ(kind, data, i)))
            i++;
        b = i;
    }
    while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)))
        a++;
    while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1)))
        b--;
    sp->a = a;
    sp->b = b;
}

static int
get_buffer(PyObject *obj, Py_buffer *view, const char *fmt, Py_ssize_t itemsize,
           const char *what, int writable)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0)
        return -1;
    if (view->ndim != 1 || view->itemsize != itemsize || view->format == NULL
        || view->format[0] != fmt[0] || view->format[1] != '\0') {
        /* numpy writes int64 as 'l' on LP64; accept 'q' as well. */
        int alt = (fmt[0] == 'q' && view->format != NULL && view->format[0] == 'l'
                   && view->format[1] == '\0' && view->itemsize == itemsize
                   && view->ndim == 1);
        if (!alt) {
            PyErr_Format(PyExc_TypeError, "%s must be a 1-D contiguous %s array", what,
                         fmt[0] == 'f' ? "float32" : fmt[0] == 'd' ? "float64"
                         : fmt[0] == 'I' ? "uint32" : "int64");
            PyBuffer_Release(view);
            return -1;
        }
    }
    return 0;
}

/* Stable insertion sorts: at most k spans (k is top * 8, 40 by default). */
static void
sort_by_start(Span *sp, Py_ssize_t n)
{
    for (Py_ssize_t i = 1; i < n; i++) {
        Span x = sp[i];
        Py_ssize_t j = i;
        while (j > 0 && (sp[j - 1].a > x.a || (sp[j - 1].a == x.a && sp[j - 1].b > x.b))) {
            sp[j] = sp[j - 1];
            j--;
        }
        sp[j] = x;
    }
}

static void
sort_by_weight(Span *sp, Py_ssize_t n)
{
    for (Py_ssize_t i = 1; i < n; i++) {
        Span x = sp[i];
        Py_ssize_t j = i;
        while (j > 0 && (sp[j - 1].w < x.w || (sp[j - 1].w == x.w && sp[j - 1].a > x.a))) {
            sp[j] = sp[j - 1];
            j--;
        }
        sp[j] = x;
    }
}

static PyObject *
reason_spans(PyObject *self, PyObject *args)
{
    PyObject *text, *contrib_obj, *start_obj, *length_obj;
    Py_ssize_t k, limit, most, lo = 0, hi = -1;
    double sign = 1.0;
    float fsign;
    Py_buffer cv, sv, lv;
    PyObject *out = NULL;
    Entry *best = NULL;
    Span *spans = NULL;
    Py_ssize_t n, nbest = 0, nspans = 0, nmerged = 0;

    if (!PyArg_ParseTuple(args, "UOOOnnn|nnd", &text, &contrib_obj, &start_obj, &length_obj,
                          &k, &limit, &most, &lo, &hi, &sign))
        return NULL;
    if (sign != 1.0 && sign != -1.0) {
        PyErr_SetString(PyExc_ValueError, "sign must be 1.0 or -1.0");
        return NULL;
    }
    fsign = (float)sign;
    if (limit > PyUnicode_GET_LENGTH(text) || limit < 0) {
        PyErr_SetString(PyExc_ValueError, "limit must be within the text");
        return NULL;
    }
    if (get_buffer(contrib_obj, &cv, "f", sizeof(float), "contrib", 0) < 0)
        return NULL;
    if (get_buffer(start_obj, &sv, "q", sizeof(int64_t), "start", 0) < 0) {
        PyBuffer_Release(&cv);
        return NULL;
    }
    if (get_buffer(length_obj, &lv, "q", sizeof(int64_t), "length", 0) < 0) {
        PyBuffer_Release(&cv);
        PyBuffer_Release(&sv);
        return NULL;
    }
    if (sv.shape[0] != cv.shape[0] || lv.shape[0] != cv.shape[0]) {
        PyErr_SetString(PyExc_ValueError, "contrib, start and length differ in length");
        goto done;
    }
    if (hi < 0)
        hi = cv.shape[0];
    if (lo < 0 || lo > hi || hi > cv.shape[0]) {
        PyErr_SetString(PyExc_ValueError, "lo and hi must be a range within the buffers");
        goto done;
    }
    n = hi - lo;
    if (k <= 0 || n == 0) {
        out = PyList_New(0);
        goto done;
    }
    if (k > n)
        k = n;
    best = PyMem_Malloc((size_t)k * sizeof(Entry));
    spans = PyMem_Malloc((size_t)k * sizeof(Span));
    if (best == NULL || spans == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    {   /* 1. the k strongest positive n-grams */
        const float *c = (const float *)cv.buf + lo;
        for (Py_ssize_t i = 0; i < n; i++) {
            float v = c[i] * fsign;
            if (v > 0.0f) {
                Entry e = {v, i};
                keep(best, &nbest, k, e);
            }
        }
    }
    {   /* 2. gathered into spans, strongest first */
        const int64_t *st = (const int64_t *)sv.buf + lo;
        const int64_t *ln = (const int64_t *)lv.buf + lo;
        for (Py_ssize_t b = 0; b < nbest; b++) {
            Py_ssize_t i = best[b].index;
            int64_t s0 = st[i], e0 = st[i] + ln[i];
            double w = (double)best[b].value;
            Py_ssize_t j;
            if (s0 < 0)
                s0 = 0;
            if (e0 > limit)
                e0 = limit;
            if (e0 <= s0)
                continue;
            for (j = 0; j < nspans; j++) {
                if (s0 < spans[j].b && e0 > spans[j].a) {
                    if (s0 < spans[j].a)
                        spans[j].a = (Py_ssize_t)s0;
                    if (e0 > spans[j].b)
                        spans[j].b = (Py_ssize_t)e0;
                    spans[j].w += w;
                    break;
                }
            }
            if (j == nspans) {
                spans[nspans].a = (Py_ssize_t)s0;
                spans[nspans].b = (Py_ssize_t)e0;
                spans[nspans].w = w;
                nspans++;
            }
        }
    }
    {   /* 3. whole words, merged, strongest first */
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        for (Py_ssize_t j = 0; j < nspans; j++)
            widen(kind, data, limit, most, &spans[j]);
        sort_by_start(spans, nspans);
        for (Py_ssize_t j = 0; j < nspans; j++) {
            if (nmerged > 0 && spans[j].a < spans[nmerged - 1].b) {
                Span *last = &spans[nmerged - 1];
                if (spans[j].b > last->b)
                    last->b = spans[j].b;
                last->w += spans[j].w;
            }
            else {
                spans[nmerged++] = spans[j];
            }
        }
        sort_by_weight(spans, nmerged);
    }
    out = PyList_New(nmerged);
    if (out == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < nmerged; j++) {
        PyObject *span = Py_BuildValue("[nnd]", spans[j].a, spans[j].b, spans[j].w);
        if (span == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, j, span);
    }
done:
    PyMem_Free(best);
    PyMem_Free(spans);
    PyBuffer_Release(&cv);
    PyBuffer_Release(&sv);
    PyBuffer_Release(&lv);
    return out;
}

/* Rows are read this many n-grams ahead: each n-gram's row is a random read
 * from a matrix larger than the cache, and the n-grams' buckets are known in
 * advance, so the read can start while earlier rows are being added. */
#define PREFETCH 16
/* The sums of this many outputs stay in a local array the compiler keeps in
 * registers (the classifier has 8 outputs, the stage model 8); a wider model
 * is scored in blocks of this many outputs, one pass over the n-grams each. */
#define MAX_OUT 16

static void
score_texts(const int64_t *restrict bucket, const float *restrict value,
            const int64_t *restrict counts, Py_ssize_t texts, const float *restrict weights,
            Py_ssize_t n_out, const float *restrict bias, float *restrict logits,
            Py_ssize_t column, float *restrict contrib, Py_ssize_t n)
{
    for (Py_ssize_t first = 0; first < n_out; first += MAX_OUT) {
        Py_ssize_t width = n_out - first < MAX_OUT ? n_out - first : MAX_OUT;
        int in_block = contrib != NULL && column >= first && column < first + width;
        Py_ssize_t j = 0;
        for (Py_ssize_t i = 0; i < texts; i++) {
            float acc[MAX_OUT] = {0.0f};
            float *y = logits + i * n_out + first;
            Py_ssize_t end = j + (Py_ssize_t)counts[i];
            for (; j < end; j++) {
                const float *row = weights + bucket[j] * n_out + first;
                float a = value[j];
                if (j + PREFETCH < n)
                    __builtin_prefetch(weights + bucket[j + PREFETCH] * n_out + first);
                for (Py_ssize_t o = 0; o < width; o++)
                    acc[o] += a * row[o];
                if (in_block)
                    contrib[j] = row[column - first] * a;
            }
            for (Py_ssize_t o = 0; o < width; o++)
                y[o] = bias[first + o] + acc[o];
        }
    }
}

static PyObject *
score_rows(PyObject *self, PyObject *args)
{
    PyObject *bucket_obj, *value_obj, *counts_obj, *weights_obj, *bias_obj, *logits_obj;
    PyObject *contrib_obj;
    Py_ssize_t n_out, column;
    Py_buffer bv, vv, nv, wv, biv, lv, cv;
    Py_buffer *held[7];
    int nheld = 0, ok = 0;
    const char *bad = NULL;

    if (!PyArg_ParseTuple(args, "OOOOnOOnO", &bucket_obj, &value_obj, &counts_obj, &weights_obj,
                          &n_out, &bias_obj, &logits_obj, &column, &contrib_obj))
        return NULL;
    if (n_out <= 0) {
        PyErr_SetString(PyExc_ValueError, "n_out must be positive");
        return NULL;
    }
#define HOLD(obj, view, fmt, size, what, w)                     \
    do {                                                        \
        if (get_buffer(obj, view, fmt, size, what, w) < 0)      \
            goto done;                                          \
        held[nheld++] = view;                                   \
    } while (0)
    HOLD(bucket_obj, &bv, "q", sizeof(int64_t), "bucket", 0);
    HOLD(value_obj, &vv, "f", sizeof(float), "value", 0);
    HOLD(counts_obj, &nv, "q", sizeof(int64_t), "counts", 0);
    HOLD(weights_obj, &wv, "f", sizeof(float), "weights", 0);
    HOLD(bias_obj, &biv, "f", sizeof(float), "bias", 0);
    HOLD(logits_obj, &lv, "f", sizeof(float), "logits", 1);
    if (contrib_obj != Py_None)
        HOLD(contrib_obj, &cv, "f", sizeof(float), "contrib", 1);
#undef HOLD
    {
        Py_ssize_t n = bv.shape[0], texts = nv.shape[0];
        Py_ssize_t buckets = wv.shape[0] / n_out, total = 0;
        const int64_t *bucket = (const int64_t *)bv.buf, *counts = (const int64_t *)nv.buf;
        const float *value = (const float *)vv.buf, *weights = (const float *)wv.buf;
        const float *bias = (const float *)biv.buf;
        float *logits = (float *)lv.buf;
        float *contrib = contrib_obj != Py_None ? (float *)cv.buf : NULL;

        if (vv.shape[0] != n)
            bad = "bucket and value differ in length";
        else if (wv.shape[0] % n_out != 0)
            bad = "weights do not hold whole rows of n_out";
        else if (biv.shape[0] != n_out)
            bad = "bias must hold n_out values";
        else if (lv.shape[0] != texts * n_out)
            bad = "logits must hold n_out values per text";
        else if (contrib != NULL && (cv.shape[0] != n || column < 0 || column >= n_out))
            bad = "contrib must hold one value per n-gram and column be an output";
        for (Py_ssize_t i = 0; bad == NULL && i < texts; i++) {
            if (counts[i] < 0)
                bad = "counts must not be negative";
            total += (Py_ssize_t)counts[i];
        }
        if (bad == NULL && total != n)
            bad = "counts must add up to the n-grams";
        for (Py_ssize_t j = 0; bad == NULL && j < n; j++) {
            if (bucket[j] < 0 || bucket[j] >= buckets)
                bad = "bucket out of range of the weights";
        }
        if (bad != NULL) {
            PyErr_SetString(PyExc_ValueError, bad);
            goto done;
        }
        Py_BEGIN_ALLOW_THREADS
        score_texts(bucket, value, counts, texts, weights, n_out, bias, logits, column, contrib,
                    n);
        Py_END_ALLOW_THREADS
    }
    ok = 1;
done:
    for (int h = 0; h < nheld; h++)
        PyBuffer_Release(held[h]);
    if (!ok)
        return NULL;
    Py_RETURN_NONE;
}

/* ---- hash_batch: the n-grams of a batch (features.hash_features) ---- */

static const uint64_t MULT[5] = {0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL,
                                 0x165667B19E3779F9ULL, 0xD6E8FEB86659FD93ULL,
                                 0xFF51AFD7ED558CCDULL};
/* features._GROUP_SALT: groups 0-3 of scheme 1, 4-7 (kana, Hangul, Myanmar,
 * Khmer) of scheme 2 */
static const uint64_t GROUP_SALT[8] = {0x8CB92BA72F3D8DD7ULL, 0xA0761D6478BD642FULL,
                                       0xE7037ED1A0B428DBULL, 0x589965CC75374CC3ULL,
                                       0x2D358DCCAA6C78A5ULL, 0x8BB84B93962EACC9ULL,
                                       0x4B33A62ED433D4A3ULL, 0x4D5A2DA51DE1AA47ULL};
#define WORD_SALT 0x1D8E4E27C47D124FULL
#define BIAS_SALT 0x94D049BB133111EBULL
#define SEP 0x20u
#define MAX_CHARS 4000   /* features.MAX_FEATURE_CHARS */
#define FOLD_TABLE 0x2000

static uint64_t
mix(uint64_t h)
{
    uint64_t f = h ^ (h >> 31);
    f *= MULT[4];
    return f ^ (f >> 29);
}

/* features._word_chars on a normalised code point */
static int
word_cp(uint32_t c)
{
    if (c == 0x30 || (c >= 0x61 && c <= 0x7A))
        return 1;
    if (c < 0xC0 || c > 0x1FFF || c == 0xD7 || c == 0xF7)
        return 0;
    if ((c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F)
        || (c >= 0x1780 && c <= 0x17FF) || (c >= 0x2B0 && c <= 0x2FF))
        return 0;
    return 1;
}

/* features._group_of for one text's code points, in group scheme 1 or 2 */
static int
script_group(const uint32_t *cp, Py_ssize_t len, int scheme)
{
    Py_ssize_t thai = 0, han = 0, latin = 0, viet = 0, kana = 0, hangul = 0, myanmar = 0,
               khmer = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        uint32_t c = cp[i];
        if (c >= 0x0E00 && c <= 0x0E7F)
            thai++;
        else if (c >= 0x4E00 && c <= 0x9FFF)
            han++;
        else if (c >= 0x61 && c <= 0x7A)
            latin++;
        else if (c >= 0x3041 && c <= 0x30FF)
            kana++;
        else if (c >= 0xAC00 && c <= 0xD7A3)
            hangul++;
        else if (c >= 0x1000 && c <= 0x109F)
            myanmar++;
        else if (c >= 0x1780 && c <= 0x17FF)
            khmer++;
        if ((c >= 0x1EA1 && c <= 0x1EF9) || c == 0x103 || c == 0xE2 || c == 0x111 || c == 0xEA
            || c == 0xF4 || c == 0x1A1 || c == 0x1B0)
            viet++;
    }
    double floor = 0.3 * (double)(latin > 1 ? latin : 1);
    if (thai > 0 && (double)thai >= floor)
        return 0;
    if (scheme >= 2 && kana >= 2 && (double)(kana + han) >= floor)
        return 4;
    if (han > 0 && (double)han >= floor)
        return 1;
    if (scheme >= 2) {
        if (hangul > 0 && (double)hangul >= floor)
            return 5;
        if (myanmar > 0 && (double)myanmar >= floor)
            return 6;
        if (khmer > 0 && (double)khmer >= floor)
            return 7;
    }
    return viet >= 2 ? 2 : 3;
}

static float
inv_sqrt(Py_ssize_t n)
{
    return n > 0 ? (float)(1.0 / sqrt((double)n)) : 0.0f;
}

/* Norms (features.NORMS, in order). */
#define NORM_COUNT 0
#define NORM_L2 1
#define NORM_LOG_L2 2
/* A sort key of bounded_values is (bucket << IDX_BITS) | index: the index of
 * an n-gram among its text's n-grams of one kind, below 31 sizes times the
 * positions of a text and its two pads. */
#define IDX_BITS 17
#define RADIX_BITS 11
#if 31 * (MAX_CHARS + 2) >= (1 << IDX_BITS)
#error "IDX_BITS too small for MAX_CHARS"
#endif

/* features._values under the l2 or log-l2 norm for the m n-grams of one kind
 * of one text (hash: their mixed hashes; val receives their values).
 *
 * A bucket seen c times weighs w = c (l2) or 1 + log c (log-l2), and each of
 * its occurrences counts (w / c) / ||w||.  Bit for bit what numpy computes:
 * every step in double, in the same order, cast to float once.  The squares
 * add up in ascending bucket order (the order of np.unique's keys, which
 * np.bincount sums in turn), and log c is read from `logt`, numpy's own log of
 * every count below n_log: glibc's log differs from numpy's (SIMD) log in the
 * last bit for a few counts (9170, 19143, ... on an AVX-512 machine).
 * keys and tmp hold m entries each.  Returns -1 when a count reaches n_log. */
static int
bounded_values(const uint64_t *hash, Py_ssize_t m, uint64_t mask, int bucket_bits, int norm,
               const double *logt, Py_ssize_t n_log, uint64_t *keys, uint64_t *tmp,
               float *val)
{
    const uint64_t idx_mask = ((uint64_t)1 << IDX_BITS) - 1;
    /* LSD radix sort on the bucket bits, in as few passes of at most
     * RADIX_BITS as they need (two for 2**18 buckets): the indices start in
     * order and every pass is stable, so the keys end up sorted.  Each pass
     * counts the next pass's digits while it moves the keys. */
    int passes = (bucket_bits + RADIX_BITS - 1) / RADIX_BITS;
    int width = passes ? (bucket_bits + passes - 1) / passes : 0;
    int end = IDX_BITS + bucket_bits;
    uint64_t digit = ((uint64_t)1 << width) - 1;
    size_t bins = (size_t)digit + 2;
    uint32_t hist_a[(1 << RADIX_BITS) + 1], hist_b[(1 << RADIX_BITS) + 1];
    uint32_t *cur = hist_a, *next = hist_b;
    double sq = 0.0, inv;

    if (m == 0)
        return 0;
    memset(cur, 0, bins * sizeof(uint32_t));
    for (Py_ssize_t j = 0; j < m; j++) {
        uint64_t key = (hash[j] & mask) << IDX_BITS | (uint64_t)j;
        keys[j] = key;
        cur[((key >> IDX_BITS) & digit) + 1]++;
    }
    for (int shift = IDX_BITS; shift < end; shift += width) {
        int more = shift + width < end;
        uint64_t *swap_keys;
        uint32_t *swap_hist;
        for (uint64_t d = 1; d <= digit; d++)
            cur[d] += cur[d - 1];
        if (more)
            memset(next, 0, bins * sizeof(uint32_t));
        for (Py_ssize_t j = 0; j < m; j++) {
            uint64_t key = keys[j];
            tmp[cur[(key >> shift) & digit]++] = key;
            if (more)
                next[((key >> (shift + width)) & digit) + 1]++;
        }
        swap_keys = keys;
        keys = tmp;
        tmp = swap_keys;
        swap_hist = cur;
        cur = next;
        next = swap_hist;
    }
    for (Py_ssize_t i = 0, k; i < m; i = k) {
        uint64_t b = keys[i] >> IDX_BITS;
        volatile double ww;   /* rounded on its own, as numpy's w * w: no fused multiply-add */
        double w;
        for (k = i + 1; k < m && keys[k] >> IDX_BITS == b; k++)
            ;
        if (norm == NORM_L2)
            w = (double)(k - i);
        else if (k - i < n_log)
            w = 1.0 + logt[k - i];
        else
            return -1;
        ww = w * w;
        sq += ww;
    }
    inv = 1.0 / sqrt(sq);
    for (Py_ssize_t i = 0, k; i < m; i = k) {
        uint64_t b = keys[i] >> IDX_BITS;
        double c, w;
        float v;
        for (k = i + 1; k < m && keys[k] >> IDX_BITS == b; k++)
            ;
        c = (double)(k - i);
        w = norm == NORM_L2 ? c : 1.0 + logt[k - i];
        v = (float)((w / c) * inv);
        for (Py_ssize_t j = i; j < k; j++)
            val[keys[j] & idx_mask] = v;
    }
    return 0;
}

typedef struct {
    PyObject *bucket, *start, *length, *value;   /* bytearrays */
    Py_ssize_t used, cap;
    uint64_t *hash;                               /* mixed hashes of the current text */
    uint64_t *keys;                               /* 2 * hash_cap sort keys (bounded norms) */
    Py_ssize_t hash_cap;
} Out;

/* Room for `more` features of the batch (all allocated at once: growing the
 * arrays text by text cost more in copies and page faults than the hashing)
 * and for `one` hashes of a single text (and twice as many sort keys when
 * `keys`). */
static int
reserve(Out *o, Py_ssize_t more, Py_ssize_t one, int keys)
{
    if (o->used + more > o->cap) {
        Py_ssize_t cap = o->used + more;
        if (PyByteArray_Resize(o->bucket, cap * 8) < 0 || PyByteArray_Resize(o->start, cap * 8) < 0
            || PyByteArray_Resize(o->length, cap * 8) < 0
            || PyByteArray_Resize(o->value, cap * 4) < 0)
            return -1;
        o->cap = cap;
    }
    if (one > o->hash_cap) {
        uint64_t *h = PyMem_Realloc(o->hash, (size_t)one * sizeof(uint64_t));
        if (h == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        o->hash = h;
        if (keys) {
            uint64_t *k = PyMem_Realloc(o->keys, (size_t)one * 2 * sizeof(uint64_t));
            if (k == NULL) {
                PyErr_NoMemory();
                return -1;
            }
            o->keys = k;
        }
        o->hash_cap = one;
    }
    return 0;
}

/* At most this many features come from a text of len characters: each
 * character n-gram size starts at most at every position plus the two pads,
 * each word n-gram size at most at every character; copies double them, and
 * one bias. */
static Py_ssize_t
text_bound(Py_ssize_t len, int n_char, int n_word)
{
    return 2 * ((Py_ssize_t)n_char * (len + 2) + (Py_ssize_t)n_word * (len + 1)) + 1;
}

static PyObject *
hash_batch(PyObject *self, PyObject *args)
{
    PyObject *cps_obj, *offsets_obj, *fold_obj, *counts_obj, *log_obj = Py_None;
    unsigned long long char_sizes, word_sizes;
    int copies;   /* 0: no script copies; else the group scheme (1 or 2) */
    int norm = NORM_COUNT, bucket_bits = 0;
    Py_ssize_t n_buckets;
    Py_buffer cv, ov, fv, nv, lgv;
    int have_fold = 0, have_log = 0, ok = 0;
    Out o = {NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, 0};
    uint64_t *words = NULL;
    Py_ssize_t *wbegin = NULL, *wend = NULL;
    PyObject *result = NULL;

    if (!PyArg_ParseTuple(args, "OOOKKinO|iO", &cps_obj, &offsets_obj, &fold_obj, &char_sizes,
                          &word_sizes, &copies, &n_buckets, &counts_obj, &norm, &log_obj))
        return NULL;
    if (norm < NORM_COUNT || norm > NORM_LOG_L2) {
        PyErr_SetString(PyExc_ValueError, "norm must be 0 (count), 1 (l2) or 2 (log-l2)");
        return NULL;
    }
    if ((norm == NORM_LOG_L2) != (log_obj != Py_None)) {
        PyErr_SetString(PyExc_ValueError, "log_table must be given with norm 2 (log-l2) only");
        return NULL;
    }
    if (copies < 0 || copies > 2) {
        PyErr_SetString(PyExc_ValueError, "copies must be 0 (none) or a script group scheme (1, 2)");
        return NULL;
    }
    if (n_buckets <= 0 || (n_buckets & (n_buckets - 1))) {
        PyErr_SetString(PyExc_ValueError, "n_buckets must be a power of two");
        return NULL;
    }
    if ((char_sizes | word_sizes) >> 32) {
        PyErr_SetString(PyExc_ValueError, "n-gram sizes must be below 32");
        return NULL;
    }
    while (((Py_ssize_t)1 << bucket_bits) < n_buckets)
        bucket_bits++;
    if (norm != NORM_COUNT && bucket_bits + IDX_BITS > 64) {
        PyErr_SetString(PyExc_ValueError, "n_buckets must be at most 2**47 with the l2 norms");
        return NULL;
    }
    if (get_buffer(cps_obj, &cv, "I", 4, "cps", 0) < 0)
        return NULL;
    if (get_buffer(offsets_obj, &ov, "q", 8, "offsets", 0) < 0) {
        PyBuffer_Release(&cv);
        return NULL;
    }
    if (get_buffer(counts_obj, &nv, "q", 8, "counts", 1) < 0) {
        PyBuffer_Release(&cv);
        PyBuffer_Release(&ov);
        return NULL;
    }
    if (log_obj != Py_None) {
        if (get_buffer(log_obj, &lgv, "d", 8, "log_table", 0) < 0)
            goto done;
        have_log = 1;
    }
    if (fold_obj != Py_None) {
        if (get_buffer(fold_obj, &fv, "I", 4, "fold", 0) < 0)
            goto done;
        have_fold = 1;
        if (fv.shape[0] != FOLD_TABLE) {
            PyErr_SetString(PyExc_ValueError, "fold must map the code points below U+2000");
            goto done;
        }
    }
    {
        const uint32_t *cps = (const uint32_t *)cv.buf;
        const int64_t *off = (const int64_t *)ov.buf;
        int64_t *counts = (int64_t *)nv.buf;
        const uint32_t *fold = have_fold ? (const uint32_t *)fv.buf : NULL;
        const double *logt = have_log ? (const double *)lgv.buf : NULL;
        Py_ssize_t n_log = have_log ? lgv.shape[0] : 0;
        Py_ssize_t n_texts = ov.shape[0] - 1, total = cv.shape[0];
        uint64_t mask = (uint64_t)n_buckets - 1;
        int n_char = 0, n_word = 0, longest = 0;

        if (n_texts < 0 || nv.shape[0] != n_texts) {
            PyErr_SetString(PyExc_ValueError, "counts must hold one entry per text");
            goto done;
        }
        Py_ssize_t all = 0;
        for (int n = 1; n < 32; n++) {
            if (char_sizes >> n & 1) {
                n_char++;
                longest = n;
            }
            n_word += (int)(word_sizes >> n & 1);
        }
        for (Py_ssize_t i = 0; i <= n_texts; i++) {
            if (off[i] < (i ? off[i - 1] + 1 : 0) || (i == n_texts && off[i] != total - 1)) {
                PyErr_SetString(PyExc_ValueError, "offsets must be increasing pads in cps");
                goto done;
            }
            if (i > 0 && off[i] - off[i - 1] - 1 > MAX_CHARS) {
                PyErr_SetString(PyExc_ValueError, "a text is longer than MAX_FEATURE_CHARS");
                goto done;
            }
            if (i > 0)
                all += text_bound(off[i] - off[i - 1] - 1, n_char, n_word);
        }
        o.bucket = PyByteArray_FromStringAndSize(NULL, 0);
        o.start = PyByteArray_FromStringAndSize(NULL, 0);
        o.length = PyByteArray_FromStringAndSize(NULL, 0);
        o.value = PyByteArray_FromStringAndSize(NULL, 0);
        if (!o.bucket || !o.start || !o.length || !o.value)
            goto done;
        words = PyMem_Malloc((MAX_CHARS + 2) * sizeof(uint64_t));
        wbegin = PyMem_Malloc((MAX_CHARS + 2) * sizeof(Py_ssize_t));
        wend = PyMem_Malloc((MAX_CHARS + 2) * sizeof(Py_ssize_t));
        if (!words || !wbegin || !wend) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t t = 0; t < n_texts; t++) {
            Py_ssize_t pad = off[t], reach = off[t + 1], len = reach - pad - 1;
            Py_ssize_t first, nc = 0, nw = 0, nwords = 0;
            int64_t *bk, *st, *ln;
            float *val;
            if (reserve(&o, t == 0 ? all : 0, text_bound(len, n_char, n_word),
                        norm != NORM_COUNT) < 0)
                goto done;
            bk = (int64_t *)PyByteArray_AS_STRING(o.bucket) + o.used;
            st = (int64_t *)PyByteArray_AS_STRING(o.start) + o.used;
            ln = (int64_t *)PyByteArray_AS_STRING(o.length) + o.used;
            val = (float *)PyByteArray_AS_STRING(o.value) + o.used;
            /* character n-grams, size by size, from the pad before the text up
             * to the pad after it; n-grams of separators only are dropped */
            for (int n = 1; n <= longest; n++) {
                if (!(char_sizes >> n & 1))
                    continue;
                for (Py_ssize_t p = pad; p < reach && p + n - 1 <= reach; p++) {
                    uint64_t h = 0;
                    int any = 0;
                    for (int k = 0; k < n; k++) {
                        uint32_t c = cps[p + k];
                        any |= c != SEP;
                        h = (h ^ (uint64_t)c) * MULT[k % 5];
                    }
                    if (!any)
                        continue;
                    o.hash[nc] = mix(h + (uint64_t)n * 0xD6E8FEB86659FD93ULL);
                    st[nc] = p - pad - 1;
                    ln[nc] = n;
                    nc++;
                }
            }
            /* words: runs of word characters, hashed on their folded code points */
            if (n_word) {
                Py_ssize_t p = pad + 1;
                while (p < reach) {
                    if (!word_cp(cps[p])) {
                        p++;
                        continue;
                    }
                    uint64_t h = 0, power = MULT[1];
                    Py_ssize_t q = p;
                    while (q < reach && word_cp(cps[q])) {
                        uint32_t c = cps[q];
                        if (fold != NULL && c < FOLD_TABLE)
                            c = fold[c];
                        h += (uint64_t)c * power;
                        power *= MULT[1];
                        q++;
                    }
                    words[nwords] = h;
                    wbegin[nwords] = p - pad - 1;
                    wend[nwords] = q - pad - 1;
                    nwords++;
                    p = q;
                }
                for (int n = 1; n < 32; n++) {
                    if (!(word_sizes >> n & 1))
                        continue;
                    for (Py_ssize_t j = 0; j + n - 1 < nwords; j++) {
                        uint64_t h = words[j];
                        for (int k = 1; k < n; k++)
                            h = (h * MULT[2]) ^ words[j + k];
                        o.hash[nc + nw] = mix(h + WORD_SALT * (uint64_t)n);
                        st[nc + nw] = wbegin[j];
                        ln[nc + nw] = wend[j + n - 1] - wbegin[j];
                        nw++;
                    }
                }
            }
            if (norm == NORM_COUNT) {
                float vc = inv_sqrt(nc), vw = inv_sqrt(nw);
                for (Py_ssize_t j = 0; j < nc; j++)
                    val[j] = vc;
                for (Py_ssize_t j = nc; j < nc + nw; j++)
                    val[j] = vw;
            }
            else {
                /* the keys have room for one text's features: twice nc + nw */
                uint64_t *keys = o.keys, *tmp = o.keys + o.hash_cap;
                if (bounded_values(o.hash, nc, mask, bucket_bits, norm, logt, n_log, keys, tmp,
                                   val) < 0
                    || bounded_values(o.hash + nc, nw, mask, bucket_bits, norm, logt, n_log,
                                      keys, tmp, val + nc) < 0) {
                    PyErr_SetString(PyExc_ValueError,
                                    "log_table must hold log c for every n-gram count c");
                    goto done;
                }
            }
            first = nc + nw;
            if (copies && first > 0) {
                int g = script_group(cps + pad, len + 1, copies);
                for (Py_ssize_t j = 0; j < first; j++) {
                    o.hash[first + j] = mix(o.hash[j] ^ GROUP_SALT[g]);
                    st[first + j] = st[j];
                    ln[first + j] = ln[j];
                    val[first + j] = val[j];
                }
                o.hash[2 * first] = mix(BIAS_SALT + GROUP_SALT[g]);
                st[2 * first] = 0;
                ln[2 * first] = 0;
                val[2 * first] = 1.0f;
                first = 2 * first + 1;
            }
            for (Py_ssize_t j = 0; j < first; j++)
                bk[j] = (int64_t)(o.hash[j] & mask);
            counts[t] = first;
            o.used += first;
        }
        if (PyByteArray_Resize(o.bucket, o.used * 8) < 0
            || PyByteArray_Resize(o.start, o.used * 8) < 0
            || PyByteArray_Resize(o.length, o.used * 8) < 0
            || PyByteArray_Resize(o.value, o.used * 4) < 0)
            goto done;
    }
    ok = 1;
done:
    PyMem_Free(words);
    PyMem_Free(wbegin);
    PyMem_Free(wend);
    PyMem_Free(o.hash);
    PyMem_Free(o.keys);
    PyBuffer_Release(&cv);
    PyBuffer_Release(&ov);
    PyBuffer_Release(&nv);
    if (have_fold)
        PyBuffer_Release(&fv);
    if (have_log)
        PyBuffer_Release(&lgv);
    if (ok)
        result = PyTuple_Pack(4, o.bucket, o.start, o.length, o.value);
    Py_XDECREF(o.bucket);
    Py_XDECREF(o.start);
    Py_XDECREF(o.length);
    Py_XDECREF(o.value);
    return result;
}

static PyMethodDef methods[] = {
    {"hash_batch", hash_batch, METH_VARARGS,
     "hash_batch(cps, offsets, fold, char_sizes, word_sizes, copies, n_buckets, counts\n"
     "           [, norm, log_table])\n"
     "    -> (bucket, start, length, value) as bytearrays\n\n"
     "The hashed n-grams of a batch (features.hash_features); counts receives\n"
     "each text's number of features.  norm: 0 count (default), 1 l2, 2 log-l2;\n"
     "log_table: float64, numpy's log of every possible bucket count (log-l2 only)."},
    {"score_rows", score_rows, METH_VARARGS,
     "score_rows(bucket, value, counts, weights, n_out, bias, logits, column, contrib)\n"
     "    -> None\n\n"
     "Write a batch's logits (bias + the n-grams' weighted rows, summed as\n"
     "scipy's CSR product sums them) and, unless contrib is None, each\n"
     "n-gram's contribution to output `column`."},
    {"reason_spans", reason_spans, METH_VARARGS,
     "reason_spans(text, contrib, start, length, k, limit, most[, lo, hi, sign])\n"
     "    -> [[start, end, weight], ...]\n\n"
     "The spans behind one text's score, strongest first: the k strongest\n"
     "positive n-grams gathered, widened to whole words and merged (see\n"
     "linear._reason_spans)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_linear",
    "Inner loops of LinearNgramModel: scoring and span selection (C; linear.py has the\n"
    "Python reference).",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__linear(void)
{
    return PyModule_Create(&module);
}
