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

/* Every n-gram of `norm` (sizes low..high, by position, shortest first) found in `index`, a
 * dict n-gram -> row below `n_rows`. Returns 0, or -1 with an exception set. */
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
    for (Py_ssize_t start = 0; start < length; start++) {
        for (Py_ssize_t n = low; n <= high && start + n <= length; n++) {
            PyObject *gram = PyUnicode_Substring(norm, start, start + n);
            if (gram == NULL)
                return -1;
            PyObject *found = PyDict_GetItemWithError(index, gram); /* borrowed */
            if (found == NULL) {
                Py_DECREF(gram);
                if (PyErr_Occurred())
                    return -1;
                continue;
            }
            Py_ssize_t row = PyLong_AsSsize_t(found);
            if (row == -1 && PyErr_Occurred()) {
                Py_DECREF(gram);
                return -1;
            }
            if (row < 0 || row >= n_rows) {
                Py_DECREF(gram);
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

static double
term_frequency(Py_ssize_t count)
{
    return count == 1 ? 1.0 : 1.0 + log((double)count);
}

/* tally(index, rows, idf, width, low, high, scaled, norm)
 *
 * The text comes last, so that functools.partial binds the model once.
 * norm:   the normalised text
 * index:  dict n-gram -> row number
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
    if (!PyArg_ParseTuple(args, "O!OOnnnpU", &PyDict_Type, &index, &rows_obj, &idf_obj,
                          &width, &low, &high, &scaled, &norm))
        return NULL;
    if (low < 1 || high < low || high > 8 || width < 1 || width > 4096) {
        PyErr_SetString(PyExc_ValueError, "bad n-gram sizes or width");
        return NULL;
    }
    Py_buffer rows_view, idf_view;
    if (get_doubles(rows_obj, &rows_view, "rows") < 0)
        return NULL;
    if (get_doubles(idf_obj, &idf_view, "idf") < 0) {
        PyBuffer_Release(&rows_view);
        return NULL;
    }
    const double *rows = (const double *)rows_view.buf;
    const double *idf = (const double *)idf_view.buf;
    Py_ssize_t n_rows = idf_view.len / 8;
    if (rows_view.len / 8 / width < n_rows)
        n_rows = rows_view.len / 8 / width;

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
    double square = 0.0;
    for (Py_ssize_t i = 0; i < counted.support; i++) {
        Slot *slot = &counted.slots[counted.order[i]];
        double tf = term_frequency(slot->count);
        double v = idf[slot->row] * tf;
        square += v * v;
        double factor = scaled ? tf : v;
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
    PyBuffer_Release(&rows_view);
    PyBuffer_Release(&idf_view);
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
    if (!PyArg_ParseTuple(args, "O!OnnU", &PyDict_Type, &index, &idf_obj, &low, &high, &norm))
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
    double square = 0.0;
    for (Py_ssize_t i = 0; i < counted.support; i++) {
        Slot *slot = &counted.slots[counted.order[i]];
        double v = idf[slot->row] * term_frequency(slot->count);
        square += v * v;
    }
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
    if (!PyArg_ParseTuple(args, "O!OOnnnpnU", &PyDict_Type, &index, &rows_obj, &idf_obj,
                          &width, &low, &high, &scaled, &label, &norm))
        return NULL;
    if (low < 1 || high < low || high > 8 || width < 1 || width > 4096 || label < 0
        || label >= width) {
        PyErr_SetString(PyExc_ValueError, "bad n-gram sizes, width or label");
        return NULL;
    }
    Py_buffer rows_view, idf_view;
    if (get_doubles(rows_obj, &rows_view, "rows") < 0)
        return NULL;
    if (get_doubles(idf_obj, &idf_view, "idf") < 0) {
        PyBuffer_Release(&rows_view);
        return NULL;
    }
    const double *rows = (const double *)rows_view.buf;
    const double *idf = (const double *)idf_view.buf;
    Py_ssize_t n_rows = idf_view.len / 8;
    if (rows_view.len / 8 / width < n_rows)
        n_rows = rows_view.len / 8 / width;
    PyObject *result = NULL;
    Part *parts = NULL;
    Counted counted = {NULL, 0, NULL, 0};
    if (count_known(norm, index, n_rows, low, high, 0, &counted) < 0)
        goto done;
    double square = 0.0;
    for (Py_ssize_t i = 0; i < counted.support; i++) {
        Slot *slot = &counted.slots[counted.order[i]];
        double v = idf[slot->row] * term_frequency(slot->count);
        square += v * v;
    }
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
    PyBuffer_Release(&rows_view);
    PyBuffer_Release(&idf_view);
    return result;
}

static PyMethodDef methods[] = {
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

PyMODINIT_FUNC
PyInit__gramsum(void)
{
    return PyModule_Create(&module);
}
