"""A minimal Chrome DevTools Protocol client for the real QtWebEngine window.

Playwright cannot attach to QtWebEngine (connect_over_cdp fails on browser-context calls), but
the raw protocol works: list the targets over HTTP, open the page's websocket, Runtime.evaluate.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

import aiohttp


class CdpPage:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._ids = itertools.count(1)

    async def evaluate(self, expression: str) -> Any:
        """Evaluate JS in the page (awaiting promises) and return the JSON value."""
        msg_id = next(self._ids)
        await self._ws.send_str(
            json.dumps(
                {
                    "id": msg_id,
                    "method": "Runtime.evaluate",
                    "params": {
                        "expression": expression,
                        "awaitPromise": True,
                        "returnByValue": True,
                    },
                }
            )
        )
        async for msg in self._ws:
            data = json.loads(msg.data)
            if data.get("id") != msg_id:
                continue
            result = data["result"]
            if "exceptionDetails" in result:
                raise RuntimeError(f"JS error: {result['exceptionDetails']}")
            return result["result"].get("value")
        raise RuntimeError("the CDP connection closed")


async def open_page(
    session: aiohttp.ClientSession, debug_port: int, url_prefix: str, deadline: float
) -> CdpPage:
    """Wait until the window has a page whose URL starts with url_prefix and attach to it."""
    loop = asyncio.get_running_loop()
    while True:
        try:
            async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as r:
                targets = await r.json(content_type=None)
            for t in targets:
                if t.get("type") == "page" and t.get("url", "").startswith(url_prefix):
                    ws = await session.ws_connect(t["webSocketDebuggerUrl"], max_msg_size=0)
                    return CdpPage(ws)
        except aiohttp.ClientError:
            pass
        if loop.time() > deadline:
            raise TimeoutError(f"no page at {url_prefix} in the window's DevTools target list")
        await asyncio.sleep(0.1)


async def wait_for_value(page: CdpPage, expression: str, expected: Any, deadline: float) -> Any:
    """Poll an expression until it equals `expected` (the window renders asynchronously)."""
    loop = asyncio.get_running_loop()
    value = None
    while loop.time() < deadline:
        value = await page.evaluate(expression)
        if value == expected:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError(f"{expression} was {value!r}, expected {expected!r}")
