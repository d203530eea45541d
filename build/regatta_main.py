"""The packaged app's entry point: exactly `python -m backend` (contract §2)."""

from backend.__main__ import main

if __name__ == "__main__":
    main()
