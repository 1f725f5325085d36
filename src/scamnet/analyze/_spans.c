/*
 * scamnet.analyze._spans: the inner loop of LinearNgramModel.explain in C.
 *
 * explain() picks a text's strongest n-grams and merges the overlapping ones
 * into spans.  In Python that took about half of a classification with
 * reasons (numpy calls per text, then Python loops over the n-grams and the
 * spans), which kept `scamnet classify` under its speed target.  This module
 * does the selection, gathering, widening and merging in one call; linear.py
 * keeps the Python version (_reason_spans) as the reference and the fallback,
 * and tests/analyze/test_explain.py checks that both give identical spans.
 *
 * reason_spans(text, contrib, start, length, k, limit, most)
 *     -> list of [start, end, weight], strongest first
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
           const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->ndim != 1 || view->itemsize != itemsize || view->format == NULL
        || view->format[0] != fmt[0] || view->format[1] != '\0') {
        /* numpy writes int64 as 'l' on LP64; accept 'q' as well. */
        int alt = (fmt[0] == 'q' && view->format != NULL && view->format[0] == 'l'
                   && view->format[1] == '\0' && view->itemsize == itemsize
                   && view->ndim == 1);
        if (!alt) {
            PyErr_Format(PyExc_TypeError, "%s must be a 1-D contiguous %s array",
                         what, fmt[0] == 'f' ? "float32" : "int64");
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
    Py_ssize_t k, limit, most;
    Py_buffer cv, sv, lv;
    PyObject *out = NULL;
    Entry *best = NULL;
    Span *spans = NULL;
    Py_ssize_t n, nbest = 0, nspans = 0, nmerged = 0;

    if (!PyArg_ParseTuple(args, "UOOOnnn", &text, &contrib_obj, &start_obj, &length_obj,
                          &k, &limit, &most))
        return NULL;
    if (limit > PyUnicode_GET_LENGTH(text) || limit < 0) {
        PyErr_SetString(PyExc_ValueError, "limit must be within the text");
        return NULL;
    }
    if (get_buffer(contrib_obj, &cv, "f", sizeof(float), "contrib") < 0)
        return NULL;
    if (get_buffer(start_obj, &sv, "q", sizeof(int64_t), "start") < 0) {
        PyBuffer_Release(&cv);
        return NULL;
    }
    if (get_buffer(length_obj, &lv, "q", sizeof(int64_t), "length") < 0) {
        PyBuffer_Release(&cv);
        PyBuffer_Release(&sv);
        return NULL;
    }
    n = cv.shape[0];
    if (sv.shape[0] != n || lv.shape[0] != n) {
        PyErr_SetString(PyExc_ValueError, "contrib, start and length differ in length");
        goto done;
    }
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
        const float *c = (const float *)cv.buf;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (c[i] > 0.0f) {
                Entry e = {c[i], i};
                keep(best, &nbest, k, e);
            }
        }
    }
    {   /* 2. gathered into spans, strongest first */
        const int64_t *st = (const int64_t *)sv.buf;
        const int64_t *ln = (const int64_t *)lv.buf;
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

static PyMethodDef methods[] = {
    {"reason_spans", reason_spans, METH_VARARGS,
     "reason_spans(text, contrib, start, length, k, limit, most)\n"
     "    -> [[start, end, weight], ...]\n\n"
     "The spans behind one text's score, strongest first: the k strongest\n"
     "positive n-grams gathered, widened to whole words and merged (see\n"
     "linear._reason_spans)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_spans",
    "Span selection for LinearNgramModel.explain (C; linear.py has the Python reference).",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__spans(void)
{
    return PyModule_Create(&module);
}
