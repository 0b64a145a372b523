"""The web face of Loop Doctor: views, the JSON API, the share store and the security layer.

Everything here presents what ``analyzer.diagnose`` returns; no diagnosis logic lives here.
"""
