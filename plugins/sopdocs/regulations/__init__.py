"""Regulations: recognise the regulation a *Dasar Hukum* citation names, however spelt.

``tables`` holds what is known (types, ministries, agencies, provinces: data that changes
with every cabinet), ``grammar`` how a citation is written, ``recogniser`` the reading.
"""

from __future__ import annotations

from sopdocs.regulations.recogniser import Regulation, recognise

__all__ = ["Regulation", "recognise"]
