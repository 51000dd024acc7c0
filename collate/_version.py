"""The version, in a module of its own so that any module can name it without importing
the package's public face (which would make an import cycle). pyproject.toml reads it."""

__version__ = "0.1.0"
