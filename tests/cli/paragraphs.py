"""paragraphs.py: policy-index --dump's records (stdin) as the document's paragraphs, one a
line, each heading before the first record under it (一、 before a Chinese numeral, 1. before a
number), for make-pdf file: the same text, laid out on pages."""
import json
import re
import sys

prev, out = [], []
for line in sys.stdin:
    r = json.loads(line)
    path = [(h["label"], h["title"] or "") for h in r["path"]]
    k = 0
    while k < min(len(prev), len(path)) and prev[k] == path[k]:
        k += 1
    for label, title in path[k:]:
        if label == "preamble":
            continue
        mark = label + "、" if re.fullmatch(r"[一二三四五六七八九十]+", label) else \
            label + "." if re.fullmatch(r"[0-9]+", label) else label
        out.append(mark + title)
    prev = path
    out.append(r["text"])
print("\n".join(out))
