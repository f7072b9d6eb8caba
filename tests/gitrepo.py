"""A real git repository in a temporary folder, for tests of reviews and page history."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import dedent


class GitRepo:
    """Write files, commit them with real ``git`` commands, read commit ids back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            check=True,
            env={
                "GIT_AUTHOR_NAME": "Penulis SOP",
                "GIT_AUTHOR_EMAIL": "penulis@example.go.id",
                "GIT_COMMITTER_NAME": "Penulis SOP",
                "GIT_COMMITTER_EMAIL": "penulis@example.go.id",
                "GIT_AUTHOR_DATE": "2024-05-06T10:00:00+07:00",
                "GIT_COMMITTER_DATE": "2024-05-06T10:00:00+07:00",
                "HOME": str(self.root),
                "PATH": "/usr/bin:/bin:/usr/local/bin",
            },
        )
        return done.stdout

    def write(self, files: dict[str, str | None]) -> None:
        """Write ``{path: text}``; None deletes the file."""
        for relative, text in files.items():
            path = self.root / relative
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dedent(text), encoding="utf-8")

    def commit(self, message: str, files: dict[str, str | None] | None = None) -> str:
        self.write(files or {})
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()
