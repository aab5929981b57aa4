"""The render layer: every output format of xpid's results, built from self-describing values.

Renderers take a result (or its JSON document) and return text or a Rich renderable; they never
reach back into the knowledge base and never print.
"""

from xpid.render.html import render_ranking_html

__all__ = ["render_ranking_html"]
