"""Text normalisation shared by term look-up, search and free-text extraction."""

from xpid.text.normalize import normalize_text, stem_token, tokenize

__all__ = ["normalize_text", "stem_token", "tokenize"]
