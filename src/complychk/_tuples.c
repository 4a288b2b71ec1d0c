/* new_tuple(kind, values): an instance of the named tuple type ``kind`` holding ``values``.
 *
 * What ``tuple.__new__(kind, values)`` does, without looking up and calling ``__new__``
 * through its wrapper for every record: complychk.record.new_tuple uses it where it was built.
 * ``values`` must be a tuple giving every field, in order.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
new_tuple(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "new_tuple takes a named tuple type and a tuple");
        return NULL;
    }
    PyObject *kind = args[0], *values = args[1];
    if (!PyType_Check(kind) || !PyType_IsSubtype((PyTypeObject *)kind, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "new_tuple: the kind must be a subclass of tuple");
        return NULL;
    }
    if (!PyTuple_Check(values)) {
        PyErr_SetString(PyExc_TypeError, "new_tuple: the values must be a tuple");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)kind;
    Py_ssize_t size = PyTuple_GET_SIZE(values);
    PyObject *result = type->tp_alloc(type, size);
    if (result == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *item = PyTuple_GET_ITEM(values, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(result, i, item);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"new_tuple", (PyCFunction)(void (*)(void))new_tuple, METH_FASTCALL,
     "new_tuple(kind, values): kind's instance holding values, as tuple.__new__(kind, values)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "complychk._tuples",
    .m_doc = "Named tuples made from a tuple of their fields",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__tuples(void)
{
    return PyModule_Create(&module);
}
