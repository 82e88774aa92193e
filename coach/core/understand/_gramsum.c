/* The hot loops of a linear model over character n-grams, in C: a text's sums (its scores)
 * its features and the n-grams behind one label's score (what explains a score).
 *
 * `coach.core.understand.tally` and `LinearModel._features_of` do the same in Python and serve
 * when this extension was not built (no compiler): the two agree to 1e-8 (tested).
 * Nothing here trusts its inputs: every row index read from the n-gram table is checked
 * against the arrays before it is used, so a damaged cache cannot read out of bounds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

typedef struct {
    Py_ssize_t row;   /* -1: empty slot */
    Py_ssize_t count;
    Py_ssize_t first; /* where the n-gram is first met, and its length */
    Py_ssize_t n;
    PyObject *gram;   /* the n-gram (a new reference), kept only when asked for */
} Slot;

/* The distinct known n-grams of a text and how often each occurs. */
typedef struct {
    Slot *slots;
    Py_ssize_t capacity;
    Py_ssize_t *order;  /* slots in the order their n-grams were first met */
    Py_ssize_t support; /* how many distinct known n-grams */
} Counted;

static void
release(Counted *c)
{
    if (c->slots != NULL)
        for (Py_ssize_t s = 0; s < c->capacity; s++)
            Py_XDECREF(c->slots[s].gram);
    PyMem_Free(c->slots);
    PyMem_Free(c->order);
}

static int
get_doubles(PyObject *obj, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->itemsize != 8 || view->format == NULL || strcmp(view->format, "d") != 0) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s must be a buffer of doubles", what);
        return -1;
    }
    return 0;
}

/* A code table: the n-gram -> row dict packed for lookups without making strings. Each n-gram
 * of one to three characters is a 64-bit key (each code point + 1 in its own 21 bits); the
 * table is bytes: a 64-bit capacity (a power of two), then that many (key, row) pairs of 64-bit
 * integers, key 0 marking an empty slot. */
#define CODE_MAX 3
#define GOLDEN 0x9E3779B97F4A7C15ULL

typedef struct {
    unsigned long long key;
    long long row;
} Pair;

static unsigned long long
add_code(unsigned long long key, Py_ssize_t n, Py_UCS4 ch)
{
    return key | ((unsigned long long)ch + 1) << (21 * n);
}

static int
table_view(PyObject *table, const Pair **pairs, Py_ssize_t *capacity)
{
    Py_ssize_t size = PyBytes_GET_SIZE(table);
    const char *buf = PyBytes_AS_STRING(table);
    unsigned long long cap;
    if (size < 8) {
        PyErr_SetString(PyExc_ValueError, "not a code table");
        return -1;
    }
    memcpy(&cap, buf, 8);
    if (cap == 0 || (cap & (cap - 1)) != 0 || cap > (unsigned long long)(PY_SSIZE_T_MAX / 16)
        || (Py_ssize_t)(8 + cap * sizeof(Pair)) != size) {
        PyErr_SetString(PyExc_ValueError, "not a code table");
        return -1;
    }
    *pairs = (const Pair *)(buf + 8);
    *capacity = (Py_ssize_t)cap;
    return 0;
}

static long long
table_row(const Pair *pairs, Py_ssize_t capacity, unsigned long long key)
{
    Py_ssize_t mask = capacity - 1;
    Py_ssize_t at = (Py_ssize_t)((key * GOLDEN) >> 20) & mask;
    for (Py_ssize_t probes = 0; probes < capacity; probes++) {
        if (pairs[at].key == key)
            return pairs[at].row;
        if (pairs[at].key == 0)
            return -1;
        at = (at + 1) & mask;
    }
    return -1;
}

/* code_table(index) -> bytes, or None when some n-gram is not one to three characters. */
static PyObject *
code_table(PyObject *self, PyObject *args)
{
    PyObject *index;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &index))
        return NULL;
    Py_ssize_t count = PyDict_GET_SIZE(index), capacity = 16;
    while (capacity < count + count / 2) /* at most two thirds full */
        capacity <<= 1;
    PyObject *table = PyBytes_FromStringAndSize(NULL, 8 + capacity * (Py_ssize_t)sizeof(Pair));
    if (table == NULL)
        return NULL;
    char *buf = PyBytes_AS_STRING(table);
    unsigned long long cap = (unsigned long long)capacity;
    memcpy(buf, &cap, 8);
    Pair *pairs = (Pair *)(buf + 8);
    memset(pairs, 0, capacity * sizeof(Pair));
    Py_ssize_t pos = 0, mask = capacity - 1;
    PyObject *key, *value;
    while (PyDict_Next(index, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) < 1
            || PyUnicode_GET_LENGTH(key) > CODE_MAX) {
            Py_DECREF(table);
            Py_RETURN_NONE;
        }
        long long row = PyLong_AsLongLong(value);
        if (row == -1 && PyErr_Occurred()) {
            Py_DECREF(table);
            return NULL;
        }
        unsigned long long code = 0;
        int kind = PyUnicode_KIND(key);
        const void *data = PyUnicode_DATA(key);
        for (Py_ssize_t j = 0; j < PyUnicode_GET_LENGTH(key); j++)
            code = add_code(code, j, PyUnicode_READ(kind, data, j));
        Py_ssize_t at = (Py_ssize_t)((code * GOLDEN) >> 20) & mask;
        while (pairs[at].key != 0 && pairs[at].key != code)
            at = (at + 1) & mask;
        pairs[at].key = code;
        pairs[at].row = row;
    }
    return table;
}

/* Every n-gram of `norm` (sizes low..high, by position, shortest first) found in `index`, a
 * dict n-gram -> row or its code table, each row below `n_rows`. Returns 0, or -1 with an exception set. */
static int
count_known(PyObject *norm, PyObject *index, Py_ssize_t n_rows, Py_ssize_t low,
            Py_ssize_t high, int keep, Counted *c)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(norm);
    Py_ssize_t grams = length * (high - low + 1);
    Py_ssize_t most = grams < n_rows ? grams : n_rows; /* distinct known n-grams, at most */
    Py_ssize_t capacity = 16;
    while (capacity < 2 * most)
        capacity <<= 1;
    c->capacity = capacity;
    c->support = 0;
    c->slots = PyMem_Malloc(sizeof(Slot) * capacity);
    c->order = PyMem_Malloc(sizeof(Py_ssize_t) * (most + 1));
    if (c->slots == NULL || c->order == NULL) {
        PyMem_Free(c->slots);
        c->slots = NULL;
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < capacity; i++) {
        c->slots[i].row = -1;
        c->slots[i].gram = NULL;
    }
    Py_ssize_t mask = capacity - 1;
    const Pair *pairs = NULL;
    Py_ssize_t table_capacity = 0;
    int coded = PyBytes_Check(index);
    if (coded) {
        if (high > CODE_MAX) {
            PyErr_SetString(PyExc_ValueError, "a code table holds n-grams of 1 to 3 characters");
            return -1;
        }
        if (table_view(index, &pairs, &table_capacity) < 0)
            return -1;
    }
    else if (!PyDict_Check(index)) {
        PyErr_SetString(PyExc_TypeError, "index must be a dict or a code table");
        return -1;
    }
    int kind = PyUnicode_KIND(norm);
    const void *data = PyUnicode_DATA(norm);
    for (Py_ssize_t start = 0; start < length; start++) {
        unsigned long long code = 0;
        for (Py_ssize_t n = 1; n <= high && start + n <= length; n++) {
            PyObject *gram = NULL;
            Py_ssize_t row;
            if (coded) {
                code = add_code(code, n - 1, PyUnicode_READ(kind, data, start + n - 1));
                if (n < low)
                    continue;
                long long found = table_row(pairs, table_capacity, code);
                if (found == -1)
                    continue;
                row = (Py_ssize_t)found;
            }
            else {
                if (n < low)
                    continue;
                gram = PyUnicode_Substring(norm, start, start + n);
                if (gram == NULL)
                    return -1;
                PyObject *found = PyDict_GetItemWithError(index, gram); /* borrowed */
                if (found == NULL) {
                    Py_DECREF(gram);
                    if (PyErr_Occurred())
                        return -1;
                    continue;
                }
                row = PyLong_AsSsize_t(found);
                if (row == -1 && PyErr_Occurred()) {
                    Py_DECREF(gram);
                    return -1;
                }
            }
            if (row < 0 || row >= n_rows) {
                Py_XDECREF(gram);
                PyErr_SetString(PyExc_ValueError, "an n-gram's row is out of range");
                return -1;
            }
            Py_ssize_t at = ((size_t)row * 2654435761u) & mask;
            while (c->slots[at].row != -1 && c->slots[at].row != row)
                at = (at + 1) & mask;
            Slot *slot = &c->slots[at];
            if (slot->row == -1) {
                slot->row = row;
                slot->count = 0;
                slot->first = start;
                slot->n = n;
                c->order[c->support++] = at;
                if (keep) {
                    if (gram == NULL) {
                        gram = PyUnicode_Substring(norm, start, start + n);
                        if (gram == NULL)
                            return -1;
                    }
                    slot->gram = gram;
                    gram = NULL;
                }
            }
            slot->count++;
            Py_XDECREF(gram);
        }
    }
    return 0;
}

/* A model's rows (`width` doubles each) and idfs as read by the functions below: how many rows
 * both arrays hold is how many an index may point to. */
typedef struct {
    Py_buffer rows_view, idf_view;
    const double *rows, *idf;
    Py_ssize_t n_rows;
} Tables;

static int
open_tables(PyObject *rows_obj, PyObject *idf_obj, Py_ssize_t width, Py_ssize_t low,
            Py_ssize_t high, Tables *t)
{
    if (low < 1 || high < low || high > 8 || width < 1 || width > 4096) {
        PyErr_SetString(PyExc_ValueError, "bad n-gram sizes or width");
        return -1;
    }
    if (get_doubles(rows_obj, &t->rows_view, "rows") < 0)
        return -1;
    if (get_doubles(idf_obj, &t->idf_view, "idf") < 0) {
        PyBuffer_Release(&t->rows_view);
        return -1;
    }
    t->rows = (const double *)t->rows_view.buf;
    t->idf = (const double *)t->idf_view.buf;
    t->n_rows = t->idf_view.len / 8;
    if (t->rows_view.len / 8 / width < t->n_rows)
        t->n_rows = t->rows_view.len / 8 / width;
    return 0;
}

static void
close_tables(Tables *t)
{
    PyBuffer_Release(&t->rows_view);
    PyBuffer_Release(&t->idf_view);
}

static double
term_frequency(Py_ssize_t count)
{
    return count == 1 ? 1.0 : 1.0 + log((double)count);
}

/* The squared length of the text's tf-idf vector: the sum of (idf * (1 + log count))**2. */
static double
squared_length(const Counted *c, const double *idf)
{
    double square = 0.0;
    for (Py_ssize_t i = 0; i < c->support; i++) {
        const Slot *slot = &c->slots[c->order[i]];
        double v = idf[slot->row] * term_frequency(slot->count);
        square += v * v;
    }
    return square;
}

/* tally(index, rows, idf, width, low, high, scaled, norm)
 *
 * The text comes last, so that functools.partial binds the model once.
 * norm:   the normalised text
 * index:  dict n-gram -> row number, or its code table
 * rows:   row-major doubles, `width` per row (the weights, or weights times idf if `scaled`)
 * idf:    one double per row
 * Returns None when the text holds no known n-gram, else (sums, square, support): per label the
 * sum over known n-grams of row * (1 + log count) (times idf unless `scaled`), the sum of
 * (idf * (1 + log count))**2, and how many distinct known n-grams there were.
 */
static PyObject *
tally(PyObject *self, PyObject *args)
{
    PyObject *norm, *index, *rows_obj, *idf_obj;
    Py_ssize_t low, high, width;
    int scaled;
    if (!PyArg_ParseTuple(args, "OOOnnnpU", &index, &rows_obj, &idf_obj,
                          &width, &low, &high, &scaled, &norm))
        return NULL;
    Tables tables;
    if (open_tables(rows_obj, idf_obj, width, low, high, &tables) < 0)
        return NULL;
    const double *rows = tables.rows, *idf = tables.idf;
    Py_ssize_t n_rows = tables.n_rows;

    PyObject *result = NULL;
    Counted counted = {NULL, 0, NULL, 0};
    double *sums = PyMem_Calloc(width, sizeof(double));
    if (sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (count_known(norm, index, n_rows, low, high, 0, &counted) < 0)
        goto done;
    if (counted.support == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    double square = squared_length(&counted, idf);
    for (Py_ssize_t i = 0; i < counted.support; i++) {
        Slot *slot = &counted.slots[counted.order[i]];
        double tf = term_frequency(slot->count);
        double factor = scaled ? tf : idf[slot->row] * tf;
        const double *w = rows + slot->row * width;
        for (Py_ssize_t k = 0; k < width; k++)
            sums[k] += w[k] * factor;
    }
    PyObject *list = PyList_New(width);
    if (list == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < width; k++) {
        PyObject *value = PyFloat_FromDouble(sums[k]);
        if (value == NULL) {
            Py_DECREF(list);
            goto done;
        }
        PyList_SET_ITEM(list, k, value);
    }
    result = Py_BuildValue("(Ndn)", list, square, counted.support);

done:
    release(&counted);
    PyMem_Free(sums);
    close_tables(&tables);
    return result;
}

/* features(index, idf, low, high, norm)
 *
 * Per known n-gram of the text, in the order first met (by position, shortest first), its
 * term frequency (1 + log count) over the length of the text's tf-idf vector: times the
 * n-gram's idf, its unit-length feature. An empty dict when the text holds no known n-gram.
 */
static PyObject *
features(PyObject *self, PyObject *args)
{
    PyObject *norm, *index, *idf_obj;
    Py_ssize_t low, high;
    if (!PyArg_ParseTuple(args, "OOnnU", &index, &idf_obj, &low, &high, &norm))
        return NULL;
    if (low < 1 || high < low || high > 8) {
        PyErr_SetString(PyExc_ValueError, "bad n-gram sizes");
        return NULL;
    }
    Py_buffer idf_view;
    if (get_doubles(idf_obj, &idf_view, "idf") < 0)
        return NULL;
    const double *idf = (const double *)idf_view.buf;
    PyObject *result = NULL;
    Counted counted = {NULL, 0, NULL, 0};
    if (count_known(norm, index, idf_view.len / 8, low, high, 1, &counted) < 0)
        goto done;
    double square = squared_length(&counted, idf);
    PyObject *found = PyDict_New();
    if (found == NULL || square == 0.0) {
        result = found;
        goto done;
    }
    double length = sqrt(square);
    for (Py_ssize_t i = 0; i < counted.support; i++) {
        Slot *slot = &counted.slots[counted.order[i]];
        PyObject *share = PyFloat_FromDouble(term_frequency(slot->count) / length);
        if (share == NULL || PyDict_SetItem(found, slot->gram, share) < 0) {
            Py_XDECREF(share);
            Py_DECREF(found);
            goto done;
        }
        Py_DECREF(share);
    }
    result = found;

done:
    release(&counted);
    PyBuffer_Release(&idf_view);
    return result;
}

typedef struct {
    double weight;
    Py_ssize_t first, n, seq;
} Part;

static int
by_weight(const void *a, const void *b)
{
    const Part *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* contributions(index, rows, idf, width, low, high, scaled, label, norm)
 *
 * The known n-grams that push label number `label` up, as (first start, length, weight),
 * strongest first (then by where they are first met): each n-gram's unit-length feature times
 * its weight for the label. What explains a score, without a Python loop over the n-grams.
 */
static PyObject *
contributions(PyObject *self, PyObject *args)
{
    PyObject *norm, *index, *rows_obj, *idf_obj;
    Py_ssize_t low, high, width, label;
    int scaled;
    if (!PyArg_ParseTuple(args, "OOOnnnpnU", &index, &rows_obj, &idf_obj,
                          &width, &low, &high, &scaled, &label, &norm))
        return NULL;
    if (label < 0 || label >= width) {
        PyErr_SetString(PyExc_ValueError, "no such label");
        return NULL;
    }
    Tables tables;
    if (open_tables(rows_obj, idf_obj, width, low, high, &tables) < 0)
        return NULL;
    const double *rows = tables.rows, *idf = tables.idf;
    Py_ssize_t n_rows = tables.n_rows;
    PyObject *result = NULL;
    Part *parts = NULL;
    Counted counted = {NULL, 0, NULL, 0};
    if (count_known(norm, index, n_rows, low, high, 0, &counted) < 0)
        goto done;
    double square = squared_length(&counted, idf);
    if (square == 0.0) {
        result = PyList_New(0);
        goto done;
    }
    double length = sqrt(square);
    parts = PyMem_Malloc(sizeof(Part) * (counted.support + 1));
    if (parts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < counted.support; i++) {
        Slot *slot = &counted.slots[counted.order[i]];
        double tf = term_frequency(slot->count);
        double factor = (scaled ? tf : tf * idf[slot->row]) / length;
        double weight = rows[slot->row * width + label] * factor;
        if (weight > 0.0) {
            parts[kept].weight = weight;
            parts[kept].first = slot->first;
            parts[kept].n = slot->n;
            parts[kept].seq = i;
            kept++;
        }
    }
    qsort(parts, kept, sizeof(Part), by_weight);
    result = PyList_New(kept);
    if (result == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < kept; i++) {
        PyObject *item = Py_BuildValue("(nnd)", parts[i].first, parts[i].n, parts[i].weight);
        if (item == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, i, item);
    }

done:
    PyMem_Free(parts);
    release(&counted);
    close_tables(&tables);
    return result;
}

static PyMethodDef methods[] = {
    {"code_table", code_table, METH_VARARGS,
     "code_table(index) -> bytes | None: the n-gram -> row dict packed for lookups"},
    {"tally", tally, METH_VARARGS,
     "tally(index, rows, idf, width, low, high, scaled, norm) -> None | (sums, square, support)"},
    {"features", features, METH_VARARGS,
     "features(index, idf, low, high, norm) -> {n-gram: tf over the tf-idf vector's length}"},
    {"contributions", contributions, METH_VARARGS,
     "contributions(index, rows, idf, width, low, high, scaled, label, norm)"
     " -> [(first, length, weight)], strongest first"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gramsum",
    "A linear model's n-gram sums over a text, in C (see coach.core.understand.tally).", -1,
    methods,
};

/* Raised whenever a function's arguments or results change: a build left from an older
 * checkout is then not used (coach.core.understand.linear checks it) rather than misread. */
#define GRAMSUM_ABI 1

PyMODINIT_FUNC
PyInit__gramsum(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "ABI", GRAMSUM_ABI) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
