"""cleaner: strip boilerplate from scraped web pages, HTML or plain-text dumps."""

from .api import clean
from .document import Document, Removal, Trace
from .errors import CleanerError, InputError
from .options import Options

__all__ = ["clean", "Document", "Removal", "Trace", "Options", "CleanerError", "InputError"]
__version__ = "0.1.0"
