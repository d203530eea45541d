"""`python -m backend` / `regatta`: start the app (contract §2)."""

from __future__ import annotations

import logging
import sys

from backend.app import RegattaApp
from backend.desktop import run_headless, run_window
from backend.options import parse_options


def main(argv: list[str] | None = None) -> None:
    options = parse_options(argv)
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    app = RegattaApp(options)
    if options.headless:
        run_headless(app)
    else:
        run_window(app)


if __name__ == "__main__":
    main()
