"""Render build/icons/regatta.svg into the icon files the packages need.

    uv run python build/make_icons.py

Writes regatta.png (512 px: the Linux window icon and the source of the others), regatta.ico
(Windows, PNG entries 16–256 px) and regatta.icns (macOS, PNG entries 16–1024 px). Qt's SVG
renderer is used because Qt is already a dependency; the .ico and .icns containers are written
here by hand (both are a small header and a table of PNGs), so nothing else is needed. The
output is committed; run this again only after editing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "icons"
SVG = ICONS / "regatta.svg"
PNG_SIZE = 512
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-capable icns element types: (type, pixel size).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16@2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128@2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256@2x
    (b"ic10", 1024),  # 512@2x
)


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; it takes str
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per size + the PNGs (Windows Vista and later read PNG)."""
    sizes = sorted(pngs)
    offset = 6 + 16 * len(sizes)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    """'icns' + total length, then (type, length incl. 8-byte header, PNG) per element."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    sizes = sorted({PNG_SIZE, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(size) for size in sizes}
    outputs = {
        ICONS / "regatta.png": pngs[PNG_SIZE],
        ICONS / "regatta.ico": ico({size: pngs[size] for size in ICO_SIZES}),
        ICONS / "regatta.icns": icns(pngs),
    }
    for path, data in outputs.items():
        path.write_bytes(data)
        print(f"{path.relative_to(ICONS.parent.parent)}: {len(data):,} bytes")
    del _app


if __name__ == "__main__":
    main()
