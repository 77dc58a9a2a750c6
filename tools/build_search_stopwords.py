"""Compile the stop word lists of PostgreSQL's 'dutch' and 'english' text search configurations.

Search drops the same stop words on SQLite as PostgreSQL does, so that both backends index
and query the same words. The lists ship with PostgreSQL (tsearch_data/*.stop, taken from
the Snowball project). Usage: python tools/build_search_stopwords.py [TSEARCH_DATA_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "kroniek" / "data" / "search_stopwords.json"
LANGUAGES = {"nl": "dutch", "en": "english"}


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/postgresql/15/tsearch_data")
    lists = {}
    for code, name in LANGUAGES.items():
        words = (source / f"{name}.stop").read_text(encoding="utf-8").split()
        lists[code] = sorted({w.strip().lower() for w in words if w.strip()})
    OUT.write_text(json.dumps(lists, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({', '.join(f'{k}: {len(v)}' for k, v in lists.items())})")


if __name__ == "__main__":
    main()
