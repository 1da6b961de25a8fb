#!/usr/bin/env python3
"""Copies pdf.js from the pinned npm package (node_modules/pdfjs-dist) into www/vendor/pdfjs:
the legacy build (runs in older Chromium cores such as 360/QQ 极速模式 too), its worker, the
packed CMaps and the licence. The page loads it only when a PDF is dropped. The modules are
renamed .mjs → .js so that any static server (python3 -m http.server) sends a JavaScript type."""
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "node_modules", "pdfjs-dist")
DST = os.path.join(ROOT, "www", "vendor", "pdfjs")
FILES = {"legacy/build/pdf.min.mjs": "pdf.min.js", "legacy/build/pdf.worker.min.mjs": "pdf.worker.min.js", "LICENSE": "LICENSE"}


def main():
    version = json.load(open(os.path.join(SRC, "package.json")))["version"]
    os.makedirs(os.path.join(DST, "cmaps"), exist_ok=True)
    for src, dst in FILES.items():
        shutil.copyfile(os.path.join(SRC, src), os.path.join(DST, dst))
    cmaps = os.path.join(SRC, "cmaps")
    for name in sorted(os.listdir(cmaps)):
        shutil.copyfile(os.path.join(cmaps, name), os.path.join(DST, "cmaps", name))
    with open(os.path.join(DST, "README.md"), "w") as f:
        f.write(f"pdf.js {version} (npm `pdfjs-dist`, legacy build), Apache-2.0 (see LICENSE).\n"
                "Copied by scripts/vendor-pdfjs.py; do not edit. Loaded by www/js/pdf.js only when a PDF is opened.\n")


if __name__ == "__main__":
    main()
