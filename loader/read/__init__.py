"""Reading stage: a .txt, .md or .html file (or bytes) -> a cleaned `Document` with metadata.

    from loader.read import read_document, read_bytes, ReadError, Document

Every extraction span indexes into `Document.text`. Bad input raises `ReadError`, whose message is one line
naming the file and the reason.
"""

from loader.read.document import Document
from loader.read.errors import ReadError
from loader.read.patterns import Dateline, parse_dateline
from loader.read.reader import read_bytes, read_document

__all__ = ["Dateline", "Document", "ReadError", "parse_dateline", "read_bytes", "read_document"]
