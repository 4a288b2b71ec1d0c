"""Reading proposal files: the entry points, the file and encoding checks, the reader by extension.

A proposal must never change meaning on its way in, so loading is strict where YAML is loose:
values that YAML 1.1 and 1.2 readers disagree on are errors, not guesses (see
:mod:`complychk.proposal.yaml_scalars`), and every error names the file, line and column and says what
to do. The readers themselves are :mod:`complychk.proposal.yaml_reader` and :mod:`complychk.proposal.json_reader`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from complychk.errors import InputError
from complychk.proposal.builder import LineIndex, show
from complychk.proposal.document import PROPOSAL, FileKind, LoadedDocument
from complychk.proposal.json_reader import load_json
from complychk.proposal.yaml_reader import load_markdown, load_yaml

MAX_BYTES = 5 * 1024 * 1024
SUPPORTED_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")

_SUFFIX_LIST = f"{', '.join(SUPPORTED_SUFFIXES[:-1])} or {SUPPORTED_SUFFIXES[-1]}"


def load_document(path: str | Path, kind: FileKind = PROPOSAL) -> LoadedDocument:
    """Read one file (a proposal unless ``kind`` says otherwise) and load it; the format
    follows the file's extension."""
    name = os.fspath(path)
    file = Path(path)
    if file.is_dir():
        raise InputError(name, 1, 1, "this is a directory", f"give the path of one {kind.file}")
    _loader_for(name, kind)
    return load_text(_read_bytes(file, name, kind), name, kind)


def read_text(path: Path, name: str, kind: FileKind) -> str:
    """A file's text, read with the care a proposal gets: a regular file (a named pipe is
    refused, never waited on), at most 5 MB, UTF-8.

    Raises:
        InputError: the file is missing, not a regular file, unreadable, too big or not UTF-8.
    """
    return _decode(_read_bytes(path, name, kind), name, kind)


def load_text(text: str | bytes, path: str, kind: FileKind = PROPOSAL) -> LoadedDocument:
    """Load a file already read into memory; ``path`` picks the format and names the file.

    Raises:
        InputError: for anything wrong with the content, located as precisely as possible.
    """
    load = _loader_for(path, kind)
    return load(_decode(text, path, kind), path, kind)


# --- reading and decoding -------------------------------------------------------------------


def _read_bytes(file: Path, name: str, kind: FileKind) -> bytes:
    """Read at most one byte past the limit, so neither a huge file nor a device exhausts memory.

    Refused unless it is a regular file, before it is opened: opening a named pipe with no
    writer would wait for ever, and a device would be read as if it were a file.
    """
    try:
        mode = file.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(mode):
            problem = "this is not a regular file (it is a pipe, device or socket)"
            raise InputError(name, 1, 1, problem, f"give the path of a {kind.file}")
        with file.open("rb") as stream:
            _check_size(name, os.fstat(stream.fileno()).st_size, kind)
            content = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        if os.path.islink(name):
            problem = (
                f"this is a broken symbolic link (to {os.readlink(name)!r}, which does not exist)"
            )
            raise InputError(name, 1, 1, problem, "fix or remove the link") from None
        raise InputError(name, 1, 1, "no such file", "check the path") from None
    except IsADirectoryError:
        hint = f"give the path of one {kind.file}"
        raise InputError(name, 1, 1, "this is a directory", hint) from None
    except PermissionError:
        hint = "check the file's permissions"
        raise InputError(name, 1, 1, "permission denied reading the file", hint) from None
    except OSError as error:
        problem = f"cannot read the file: {error.strerror or error}"
        raise InputError(name, 1, 1, problem, "check that the path names a readable file") from None
    _check_size(name, len(content), kind)
    return content


def _check_size(name: str, size: int, kind: FileKind) -> None:
    if size > MAX_BYTES:
        problem = f"the file is {size:,} bytes; a {kind.file} is at most 5 MB"
        hint = f"split the {kind.name}, or move bulky material out of it and refer to it"
        raise InputError(name, 1, 1, problem, hint)


_FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _decode(text: str | bytes, name: str, kind: FileKind) -> str:
    """Turn the input into text, accepting only UTF-8 (with or without a byte order mark)."""
    if isinstance(text, str):
        _check_size(name, len(text) if len(text) > MAX_BYTES else _utf8_size(text), kind)
        return text.removeprefix("\ufeff")
    _check_size(name, len(text), kind)
    for bom, encoding in _FOREIGN_BOMS:
        if text.startswith(bom):
            raise InputError(name, 1, 1, f"the file is saved as {encoding}", "save it as UTF-8")
    raw = text.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _decode_error(raw, error.start, name) from None


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _decode_error(raw: bytes, start: int, name: str) -> InputError:
    line_start = max(raw.rfind(b"\n", 0, start), raw.rfind(b"\r", 0, start)) + 1
    line = LineIndex(raw[:line_start].decode("utf-8")).line_count()
    column = len(raw[line_start:start].decode("utf-8")) + 1
    problem = f"the file is not valid UTF-8: byte 0x{raw[start]:02X} cannot be decoded"
    hint = "save the file as UTF-8; it may have been saved as Windows-1252 or Latin-1"
    return InputError(name, line, column, problem, hint)


# --- formats --------------------------------------------------------------------------------

# The formats, by extension.
_LOADERS: dict[str, Callable[[str, str, FileKind], LoadedDocument]] = {
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".json": load_json,
    ".md": load_markdown,
    ".markdown": load_markdown,
}


def _suffix(path: str) -> str:
    """What ``PurePath(path).suffix`` says, without building a path object for every file."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _loader_for(path: str, kind: FileKind) -> Callable[[str, str, FileKind], LoadedDocument]:
    suffix = _suffix(path)
    if suffix not in _LOADERS:
        problem = f"unsupported file type {show(suffix) if suffix else '(no extension)'}"
        raise InputError(path, 1, 1, problem, f"a {kind.file} ends in {_SUFFIX_LIST}")
    return _LOADERS[suffix]
