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
