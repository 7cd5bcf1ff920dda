"""kuntatalous: Finnish municipal financial statements as an analytics warehouse."""

__version__ = "0.1.0"
