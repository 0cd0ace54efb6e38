"""Domain errors raised by the library; the service maps them to HTTP statuses once."""


class InspectionQAError(Exception):
    """Base class for every error the library raises on purpose."""


class CorpusError(InspectionQAError):
    """The corpus directory is missing or holds no readable document."""


class DocumentSkipped(InspectionQAError):
    """One file could not be read; the build logs the reason and goes on."""


class IndexNotFound(InspectionQAError):
    """No built index exists where one was expected."""


class IndexCorrupt(InspectionQAError):
    """The index on disk is damaged or was built with another model or format."""


class DocumentNotFound(InspectionQAError):
    """A doc_id that the index does not hold."""


class BadQuery(InspectionQAError):
    """A question or filter the library cannot use."""


class ExtraMissing(InspectionQAError):
    """An optional feature was asked for but its extra is not installed."""


class ConversationNotFound(InspectionQAError):
    """A conversation_id that names no conversation, or one that has expired."""
