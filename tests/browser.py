"""How tests and benchmarks start a browser: Debian's Chromium (Playwright's download does not
work here), headless, with nothing of its own reaching the network."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
