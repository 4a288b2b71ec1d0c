/* YAML parse events straight from libyaml, as plain tuples.
 *
 * PyYAML's C parser makes a Python event object and two mark objects for every event, running
 * each event's Python __init__; reading a proposal spends more time on those than libyaml takes
 * to parse it. This module reads the same events from the same library and yields each as a
 * tuple (kind, value, style, tag, line, column), with line and column counted from 1, as
 * messages give them. complychk.yaml_events uses it where it was built, and PyYAML's parser
 * otherwise; both give the same events.
 *
 *   kind     one of the module's constants SCALAR, MAPPING_START, ... STREAM_END
 *   value    a scalar's text, or an alias's anchor name; None for other events
 *   style    a scalar's style as PyYAML writes it ("" plain, "'", '"', "|", ">"); None otherwise
 *   tag      the tag written on a scalar, mapping or sequence, or None
 *
 * A syntax error raises ParseError with the arguments (kind, problem, problem line, problem
 * column, context, context line, context column, offset, value), kind being "reader",
 * "scanner" or "parser", its lines and columns counted from 0 as in PyYAML's marks, which the
 * caller makes of them.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <yaml.h>

enum {
    EV_SCALAR = 1,
    EV_MAPPING_START,
    EV_MAPPING_END,
    EV_SEQUENCE_START,
    EV_SEQUENCE_END,
    EV_ALIAS,
    EV_DOCUMENT_START,
    EV_DOCUMENT_END,
    EV_STREAM_START,
    EV_STREAM_END,
};

static PyObject *ParseError;
static PyObject *styles[6]; /* by yaml_scalar_style_t: any, plain, single, double, literal, folded */

typedef struct {
    PyObject_HEAD
    yaml_parser_t parser;
    PyObject *source; /* the UTF-8 bytes the parser reads; kept alive while it reads them */
    int ready;        /* the parser was initialised and must be deleted */
    int done;         /* the stream's end was read, or an error raised */
} EventsObject;

static PyObject *
text_or_none(const yaml_char_t *text)
{
    if (text == NULL)
        Py_RETURN_NONE;
    return PyUnicode_FromString((const char *)text);
}

/* Replace *tag (None) with the tag written on a node, if any; -1 if that fails. */
static int
take_tag(PyObject **tag, const yaml_char_t *written)
{
    if (written == NULL)
        return 0;
    PyObject *text = text_or_none(written);
    if (text == NULL)
        return -1;
    Py_SETREF(*tag, text);
    return 0;
}

static PyObject *
raise_parse_error(yaml_parser_t *parser)
{
    const char *kind;
    switch (parser->error) {
    case YAML_MEMORY_ERROR:
        return PyErr_NoMemory();
    case YAML_READER_ERROR:
        kind = "reader";
        break;
    case YAML_SCANNER_ERROR:
        kind = "scanner";
        break;
    default:
        kind = "parser";
        break;
    }
    PyObject *args = Py_BuildValue(
        "(sznnznnni)", kind, parser->problem,
        (Py_ssize_t)parser->problem_mark.line, (Py_ssize_t)parser->problem_mark.column,
        parser->context, (Py_ssize_t)parser->context_mark.line,
        (Py_ssize_t)parser->context_mark.column, (Py_ssize_t)parser->problem_offset,
        parser->problem_value);
    if (args != NULL) {
        PyErr_SetObject(ParseError, args);
        Py_DECREF(args);
    }
    return NULL;
}

static PyObject *
event_tuple(yaml_event_t *event)
{
    int kind;
    PyObject *value = Py_None, *style = Py_None, *tag = Py_None;
    Py_INCREF(Py_None);
    Py_INCREF(Py_None);
    Py_INCREF(Py_None);
    switch (event->type) {
    case YAML_SCALAR_EVENT: {
        kind = EV_SCALAR;
        Py_DECREF(value);
        value = PyUnicode_DecodeUTF8((const char *)event->data.scalar.value,
                                     (Py_ssize_t)event->data.scalar.length, "strict");
        if (value == NULL)
            goto error;
        int which = (int)event->data.scalar.style;
        Py_DECREF(style);
        style = styles[which >= 0 && which < 6 ? which : 0];
        Py_INCREF(style);
        if (take_tag(&tag, event->data.scalar.tag) < 0)
            goto error;
        break;
    }
    case YAML_MAPPING_START_EVENT:
        kind = EV_MAPPING_START;
        if (take_tag(&tag, event->data.mapping_start.tag) < 0)
            goto error;
        break;
    case YAML_SEQUENCE_START_EVENT:
        kind = EV_SEQUENCE_START;
        if (take_tag(&tag, event->data.sequence_start.tag) < 0)
            goto error;
        break;
    case YAML_ALIAS_EVENT:
        kind = EV_ALIAS;
        Py_DECREF(value);
        if ((value = text_or_none(event->data.alias.anchor)) == NULL)
            goto error;
        break;
    case YAML_MAPPING_END_EVENT:
        kind = EV_MAPPING_END;
        break;
    case YAML_SEQUENCE_END_EVENT:
        kind = EV_SEQUENCE_END;
        break;
    case YAML_DOCUMENT_START_EVENT:
        kind = EV_DOCUMENT_START;
        break;
    case YAML_DOCUMENT_END_EVENT:
        kind = EV_DOCUMENT_END;
        break;
    case YAML_STREAM_START_EVENT:
        kind = EV_STREAM_START;
        break;
    default:
        kind = EV_STREAM_END;
        break;
    }
    PyObject *line = PyLong_FromSize_t(event->start_mark.line + 1);
    PyObject *column = PyLong_FromSize_t(event->start_mark.column + 1);
    PyObject *result = PyTuple_New(6);
    if (line == NULL || column == NULL || result == NULL) {
        Py_XDECREF(line);
        Py_XDECREF(column);
        Py_XDECREF(result);
        goto error;
    }
    PyTuple_SET_ITEM(result, 0, PyLong_FromLong(kind)); /* a small int: never fails */
    PyTuple_SET_ITEM(result, 1, value);
    PyTuple_SET_ITEM(result, 2, style);
    PyTuple_SET_ITEM(result, 3, tag);
    PyTuple_SET_ITEM(result, 4, line);
    PyTuple_SET_ITEM(result, 5, column);
    return result;
error:
    Py_XDECREF(value);
    Py_XDECREF(style);
    Py_XDECREF(tag);
    return NULL;
}

static PyObject *
events_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *text;
    static char *names[] = {"text", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U:events", names, &text))
        return NULL;
    EventsObject *self = (EventsObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->source = PyUnicode_AsUTF8String(text);
    if (self->source == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    if (!yaml_parser_initialize(&self->parser)) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    self->ready = 1;
    yaml_parser_set_input_string(&self->parser,
                                 (const unsigned char *)PyBytes_AS_STRING(self->source),
                                 (size_t)PyBytes_GET_SIZE(self->source));
    yaml_parser_set_encoding(&self->parser, YAML_UTF8_ENCODING);
    return (PyObject *)self;
}

static PyObject *
events_next(EventsObject *self)
{
    if (self->done)
        return NULL;
    yaml_event_t event;
    if (!yaml_parser_parse(&self->parser, &event)) {
        self->done = 1;
        return raise_parse_error(&self->parser);
    }
    if (event.type == YAML_STREAM_END_EVENT)
        self->done = 1;
    PyObject *result = event_tuple(&event);
    yaml_event_delete(&event);
    if (result == NULL)
        self->done = 1;
    return result;
}

static void
events_dealloc(EventsObject *self)
{
    if (self->ready)
        yaml_parser_delete(&self->parser);
    Py_XDECREF(self->source);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject EventsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "complychk._yaml_events.events",
    .tp_basicsize = sizeof(EventsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "events(text): the YAML parse events of text, each as a tuple",
    .tp_new = events_new,
    .tp_dealloc = (destructor)events_dealloc,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)events_next,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "complychk._yaml_events",
    .m_doc = "YAML parse events from libyaml as plain tuples",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__yaml_events(void)
{
    static const char *written[6] = {"", "", "'", "\"", "|", ">"};
    if (PyType_Ready(&EventsType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    for (int i = 0; i < 6; i++) {
        if ((styles[i] = PyUnicode_InternFromString(written[i])) == NULL)
            goto error;
    }
    ParseError = PyErr_NewException("complychk._yaml_events.ParseError", NULL, NULL);
    if (ParseError == NULL || PyModule_AddObjectRef(m, "ParseError", ParseError) < 0)
        goto error;
    if (PyModule_AddObjectRef(m, "events", (PyObject *)&EventsType) < 0)
        goto error;
    if (PyModule_AddStringConstant(m, "LIBYAML_VERSION", yaml_get_version_string()) < 0)
        goto error;
    struct {
        const char *name;
        int value;
    } kinds[] = {
        {"SCALAR", EV_SCALAR},
        {"MAPPING_START", EV_MAPPING_START},
        {"MAPPING_END", EV_MAPPING_END},
        {"SEQUENCE_START", EV_SEQUENCE_START},
        {"SEQUENCE_END", EV_SEQUENCE_END},
        {"ALIAS", EV_ALIAS},
        {"DOCUMENT_START", EV_DOCUMENT_START},
        {"DOCUMENT_END", EV_DOCUMENT_END},
        {"STREAM_START", EV_STREAM_START},
        {"STREAM_END", EV_STREAM_END},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (PyModule_AddIntConstant(m, kinds[i].name, kinds[i].value) < 0)
            goto error;
    }
    return m;
error:
    Py_DECREF(m);
    return NULL;
}
