"""measures.py [all]: the measures of policy-index --dump's records (stdin) that name
departments (with "all", every record): label, text without white space, departments with
roles; one a line, for comparing readings of the same document (a line break in a PDF may drop
a space the text had)."""
import json
import re
import sys

for line in sys.stdin:
    r = json.loads(line)
    if r["departments"] or sys.argv[1:] == ["all"]:
        depts = "、".join("%s/%s" % (d["name"], d["role"]) for d in r["departments"])
        print("%s\t%s\t%s" % (r["label"], re.sub(r"\s+", "", r["text"]), depts))
