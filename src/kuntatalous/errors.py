"""The extractor's own error type: every failure names a file and a line."""

from __future__ import annotations


class ExtractionError(Exception):
    """Input that the extractor cannot read, located at ``source:line``."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[ExtractionError], tuple[str, int | None, str]]:
        """Pickled by its parts, so that an error raised in a worker process reaches the command intact."""
        return (ExtractionError, (self.source, self.line, self.message))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class NotReadError(ExtractionError):
    """A table the warehouse leaves out on purpose, not input it cannot read: the municipal
    group's statements (another entity's figures), a summary by unit (its units' own tables are
    read). ``by_design`` says which (``output.rejects.BY_DESIGN``). Kept as a reject even by a
    strict extraction, which goes on."""

    def __init__(self, source: str, line: int | None, message: str, by_design: str) -> None:
        self.by_design = by_design
        super().__init__(source, line, message)

    def __reduce__(self) -> tuple[type[ExtractionError], tuple[str, int | None, str, str]]:  # type: ignore[override]
        return (NotReadError, (self.source, self.line, self.message, self.by_design))
