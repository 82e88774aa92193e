/* The hot loop of scoring a text with a linear model over character n-grams, in C.
 *
 * `coach.core.understand.tally` does the same in a few C-level passes of Python and is the
 * fallback when this extension was not built (no compiler): the two agree to 1e-8 (tested).
 * Nothing here trusts its inputs: every row index read from the n-gram table is checked
 * against the arrays before it is used, so a damaged cache cannot read out of bounds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

typedef struct {
    Py_ssize_t row; /* -1: empty slot */
    Py_ssize_t count;
} Slot;

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
    Slot *slots = NULL;
    double *sums = NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(norm);
    Py_ssize_t grams = length * (high - low + 1);
    Py_ssize_t most = grams < n_rows ? grams : n_rows; /* distinct known n-grams, at most */
    Py_ssize_t capacity = 16;
    while (capacity < 2 * most)
        capacity <<= 1;
    slots = PyMem_Malloc(sizeof(Slot) * capacity);
    sums = PyMem_Calloc(width, sizeof(double));
    if (slots == NULL || sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < capacity; i++)
        slots[i].row = -1;
    Py_ssize_t mask = capacity - 1, support = 0;

    for (Py_ssize_t start = 0; start < length; start++) {
        for (Py_ssize_t n = low; n <= high && start + n <= length; n++) {
            PyObject *gram = PyUnicode_Substring(norm, start, start + n);
            if (gram == NULL)
                goto done;
            PyObject *found = PyDict_GetItemWithError(index, gram); /* borrowed */
            Py_DECREF(gram);
            if (found == NULL) {
                if (PyErr_Occurred())
                    goto done;
                continue;
            }
            Py_ssize_t row = PyLong_AsSsize_t(found);
            if (row == -1 && PyErr_Occurred())
                goto done;
            if (row < 0 || row >= n_rows) {
                PyErr_SetString(PyExc_ValueError, "an n-gram's row is out of range");
                goto done;
            }
            Py_ssize_t at = ((size_t)row * 2654435761u) & mask;
            while (slots[at].row != -1 && slots[at].row != row)
                at = (at + 1) & mask;
            if (slots[at].row == -1) {
                slots[at].row = row;
                slots[at].count = 0;
                support++;
            }
            slots[at].count++;
        }
    }
    if (support == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    double square = 0.0;
    for (Py_ssize_t s = 0; s < capacity; s++) {
        Py_ssize_t row = slots[s].row;
        if (row == -1)
            continue;
        double tf = slots[s].count == 1 ? 1.0 : 1.0 + log((double)slots[s].count);
        double v = idf[row] * tf;
        square += v * v;
        double factor = scaled ? tf : v;
        const double *w = rows + row * width;
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
    result = Py_BuildValue("(Ndn)", list, square, support);

done:
    PyMem_Free(slots);
    PyMem_Free(sums);
    PyBuffer_Release(&rows_view);
    PyBuffer_Release(&idf_view);
    return result;
}

static PyMethodDef methods[] = {
    {"tally", tally, METH_VARARGS,
     "tally(index, rows, idf, width, low, high, scaled, norm) -> None | (sums, square, support)"},
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
