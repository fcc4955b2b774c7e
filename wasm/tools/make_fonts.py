#!/usr/bin/python3
"""Cuts the CJK font the site ships into two stages, and writes the GB2312 character list.

  make_fonts.py FONT OUT_DIR SOURCE...

boot.ttf  ASCII + every non-ASCII character that appears in SOURCE files (the interface's own
          strings), so the first frame needs only a small download;
cjk.ttf   ASCII, Latin-1, general and CJK punctuation, full-width forms and the whole CJK
          Unified Ideographs block (about 21,000 hanzi: GB2312's 6,763 and the rest of GBK's),
          fetched right after the first frame;
gb2312.txt every character of GB2312 (the charset check and the tests use it).
Uses fontTools (Debian package fonttools) and must run under Debian's /usr/bin/python3.
"""
import os
import sys

from fontTools import subset


def gb2312_chars():
    out = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


def cut(font, out, text, unicodes):
    options = subset.Options()
    options.hinting = False
    options.font_number = 0
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]
    loaded = subset.load_font(font, options)
    sub = subset.Subsetter(options)
    sub.populate(text=text, unicodes=unicodes)
    sub.subset(loaded)
    tmp = out + ".tmp"
    subset.save_font(loaded, tmp, options)
    os.replace(tmp, out)


def main():
    font, out_dir, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    ui_text = set()
    for path in sources:
        with open(path, encoding="utf-8") as f:
            ui_text.update(ch for ch in f.read() if ord(ch) > 0x7E)
    ascii_range = list(range(0x20, 0x7F))
    cut(font, os.path.join(out_dir, "boot.ttf"), "".join(sorted(ui_text)), ascii_range + [0xFFFD])
    wide = ascii_range + list(range(0xA0, 0x100)) + list(range(0x2000, 0x2070)) + \
        list(range(0x2190, 0x2200)) + list(range(0x2460, 0x2500)) + list(range(0x25A0, 0x2600)) + \
        list(range(0x3000, 0x3040)) + list(range(0x4E00, 0xA000)) + list(range(0xFF00, 0xFFF0))
    gb = gb2312_chars()
    cut(font, os.path.join(out_dir, "cjk.ttf"), gb, wide)
    with open(os.path.join(out_dir, "gb2312.txt"), "w", encoding="utf-8") as f:
        f.write(gb)


if __name__ == "__main__":
    main()
