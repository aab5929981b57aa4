"""Scoring: information content, term and set similarity kernels, likelihood ratios."""
