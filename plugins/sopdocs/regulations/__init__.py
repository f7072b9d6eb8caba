"""Regulations: recognise the regulation a *Dasar Hukum* citation names, however spelt."""

from __future__ import annotations

from sopdocs.regulations.recogniser import Regulation, recognise

__all__ = ["Regulation", "recognise"]
