#!/usr/bin/env python3
"""Draws the Teams app icons: color.png (192x192, white chat bubble with three rising bars on
the accent colour) and outline.png (32x32, the same bubble in white on transparent, bars cut
out). Standard library only; run from anywhere, it writes beside itself."""
import os
import struct
import zlib

ACCENT = (0x3B, 0x5B, 0xDB)
HERE = os.path.dirname(os.path.abspath(__file__))


def in_rounded_rect(x, y, x0, y0, x1, y1, r):
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


BARS = [(0.29, 0.50), (0.45, 0.40), (0.61, 0.30)]  # left edge, top; all 0.10 wide, ending at 0.62


def in_bubble(x, y):
    return in_rounded_rect(x, y, 0.10, 0.14, 0.90, 0.74, 0.13) or in_triangle(x, y, (0.24, 0.70), (0.44, 0.70), (0.20, 0.90))


def in_bar(x, y):
    return any(left <= x <= left + 0.10 and top <= y <= 0.62 for left, top in BARS)


def render(size, pixel, samples=4):
    """pixel(u, v) -> (r, g, b, a) at unit coordinates; averaged over samples x samples points."""
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    r, g, b, a = pixel((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    acc = [acc[0] + r * a, acc[1] + g * a, acc[2] + b * a, acc[3] + a]
            n = samples * samples
            alpha = acc[3] / n
            rgb = [round(c / acc[3]) if acc[3] else 0 for c in acc[:3]]
            row += bytes(rgb + [round(alpha)])
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def color(u, v):
    # The glyph fills the middle 64% of the square, inside Teams' safe area.
    x, y = (u - 0.18) / 0.64, (v - 0.18) / 0.64
    if in_bubble(x, y) and not in_bar(x, y):
        return (255, 255, 255, 255)
    return ACCENT + (255,)


def outline(u, v):
    return (255, 255, 255, 255) if in_bubble(u, v) and not in_bar(u, v) else (255, 255, 255, 0)


if __name__ == "__main__":
    write_png(os.path.join(HERE, "color.png"), 192, render(192, color))
    write_png(os.path.join(HERE, "outline.png"), 32, render(32, outline, samples=8))
