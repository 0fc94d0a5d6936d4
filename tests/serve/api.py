#!/usr/bin/env python3
"""api.py: policy-serve's JSON API, checked endpoint by endpoint: fields as policy-search --json,
error codes, the CSV (through a real CSV reader), reopening after the indexer commits. TAP.
usage: api.py POLICY_INDEX POLICY_SERVE SOURCE_ROOT"""
import csv
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Server, Tap  # noqa: E402


def get(base, path, method="GET"):
    """(status, headers, body bytes) of a request, whatever the status."""
    req = urllib.request.Request(base + path, method=method)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def get_json(base, path):
    status, headers, body = get(base, path)
    try:
        return status, json.loads(body.decode("utf-8"))
    except ValueError:
        return status, None


def q(s):
    return urllib.parse.quote(s)


def main():
    indexer, server, root = sys.argv[1:4]
    srv = Server(indexer, server, root)
    t = Tap()
    b = srv.base
    try:
        st, d = get_json(b, "/api/search?q=" + q("居住证积分"))
        t.ok(st == 200 and d and d["total"] >= 2 and d["results"], "search finds 居住证积分")
        r = d["results"][0] if d and d["results"] else {}
        t.ok(all(k in r for k in ("id", "clause", "citation", "departments", "snippet", "source")),
             "a result has the fields of policy-search --json")
        st, d = get_json(b, "/api/search?q=" + q("新城") + "&dept=" + q("财政局"))
        t.ok(st == 200 and d and d["results"] and all(
            any(x["name"] == "市财政局" for x in r["departments"]) for r in d["results"]),
            "dept=财政局 keeps 市财政局's clauses only")
        st, d = get_json(b, "/api/search?q=" + q("新城") + "&dept=" + q("火星局"))
        t.ok(st == 400 and d and "火星局" in d.get("error", ""), "an unknown department is a 400 naming it")
        st, d = get_json(b, "/api/search?q=" + q('"未闭合'))
        t.ok(st == 400 and d and "cannot parse query" in d.get("error", ""), "a bad query is a 400 with the CLI's words")
        st, d = get_json(b, "/api/search?q=" + q("x" * 5000))
        t.ok(st == 413, "an over-long query is a 413 (%s)" % st)
        st, d = get_json(b, "/api/search?q=" + q("新城") + "&issuer=" + q("人民政府"))
        t.ok(st == 200 and d and d["results"] and all("人民政府" in (r["doc"]["issuer"] or "") for r in d["results"]),
             "issuer= filters by the document's issuer")
        st, d = get_json(b, "/api/search?q=" + q("新城") + "&from=2024-01-01&to=2024-12-31")
        t.ok(st == 200 and d and d["results"] and all("2024" <= (r["doc"]["date"] or "") <= "2024-12-31" for r in d["results"]),
             "from= and to= filter by the document's date")
        st, d = get_json(b, "/api/search?q=" + q("新城") + "&limit=3&offset=3")
        t.ok(st == 200 and d and len(d["results"]) == 3 and d["results"][0]["rank"] == 4, "limit and offset page")

        st, d = get_json(b, "/api/clause/" + q("000_f3134de028f8d3e7.txt#三/13"))
        t.ok(st == 200 and d and "市人才工作局" in json.dumps(d, ensure_ascii=False), "/api/clause/ID gives the clause")
        st, d = get_json(b, "/api/clause?doc=" + q("新城") + "&clause=13")
        t.ok(st == 200 and d and "000_f3134de028f8d3e7.txt#三/13" in json.dumps(d, ensure_ascii=False),
             "/api/clause?doc=&clause= looks a label up")
        st, d = get_json(b, "/api/clause/" + q("nope.txt#1"))
        t.ok(st == 404, "an unknown id is a 404 (%s)" % st)
        st, d = get_json(b, "/api/documents")
        t.ok(st == 200 and d and len(json.dumps(d)) > 100 and "002_c51c4008d2d0f852.txt" in json.dumps(d),
             "/api/documents lists the documents")
        st, d = get_json(b, "/api/document/" + q("002_c51c4008d2d0f852.txt"))
        t.ok(st == 200 and d and "沪府发〔2024〕12号" in json.dumps(d, ensure_ascii=False)
             and "outline" in json.dumps(d), "/api/document/FILE gives metadata and the outline")
        st, d = get_json(b, "/api/departments")
        t.ok(st == 200 and d and "市财政局" in json.dumps(d, ensure_ascii=False), "/api/departments")
        st, d = get_json(b, "/api/related/" + q("000_f3134de028f8d3e7.txt#三/13"))
        t.ok(st == 200 and d and d["results"] and all(not r["id"].startswith("000_") for r in d["results"]),
             "/api/related/ID finds clauses of other documents")
        st, d = get_json(b, "/api/cites?doc=" + q("临港"))
        t.ok(st == 200 and d and "003_e042514a33c78a9d.txt" in json.dumps(d), "/api/cites resolves a reference")
        st, d = get_json(b, "/api/cited-by?doc=" + q("国民经济"))
        t.ok(st == 200 and d and "004_dadc7d09c2d32ef9.txt" in json.dumps(d), "/api/cited-by")
        st, d = get_json(b, "/api/matrix")
        t.ok(st == 200 and d and "departments" in d, "/api/matrix")

        st, h, body = get(b, "/api/dept?name=" + q("市财政局") + "&format=csv")
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")))) if st == 200 else []
        t.ok(st == 200 and "text/csv" in (h.get("Content-Type") or "") and len(rows) == 6
             and all(r["部门"] == "市财政局" and r["条文"] for r in rows),
             "/api/dept CSV parses with a CSV reader: 6 rows of 市财政局 (%d)" % len(rows))
        st, h, body = get(b, "/api/dept?name=" + q("市财政局") + "&format=md")
        t.ok(st == 200 and body.decode("utf-8").count("\n|") >= 6, "/api/dept Markdown")
        st, d = get_json(b, "/api/dept?name=" + q("市财政局") + "&role=lead")
        t.ok(st == 200 and d is not None, "/api/dept role=lead")
        st, d = get_json(b, "/api/dept?name=" + q("市财政局"))
        t.ok(st == 200 and d and d["dept"] == "市财政局" and d["total"] == len(d["results"]) == 6
             and [r["rank"] for r in d["results"]] == list(range(1, 7))
             and all(r["role"] in ("lead", "supporting", "responsible") and
                     any(x["name"] == "市财政局" for x in r["departments"]) for r in d["results"]),
             "/api/dept JSON: the department's 6 clauses ranked 1-6, each with its role")
        st, d = get_json(b, "/api/search?q=" + q("新城") + "&doc=" + q("没有这份文件"))
        t.ok(st == 200 and d and d["total"] == 0 and "no indexed document matches" in d.get("note", ""),
             "/api/search with a document filter matching none says why in a note")

        st, _, _ = get(b, "/api/search?q=x", method="POST")
        t.ok(st == 405, "POST is a 405 (%s)" % st)
        st, _, _ = get(b, "/api/nothing")
        t.ok(st == 404, "an unknown path is a 404 (%s)" % st)
        st, h, _ = get(b, "/")
        csp = h.get("Content-Security-Policy") or ""
        t.ok(st == 200 and "default-src 'self'" in csp, "pages carry Content-Security-Policy default-src 'self'")
        st, _, _ = get(b, "/../../etc/passwd")
        t.ok(st in (400, 404), "a path outside the API reaches no file (%s)" % st)

        # The indexer commits while the server runs: the server sees the new document.
        extra = os.path.join(srv.tmp, "extra")
        os.makedirs(extra)
        with open(os.path.join(extra, "new.txt"), "w", encoding="utf-8") as f:
            f.write("一、任务\n1.推进独角兽测试词汇落地。\n")
        subprocess.run([indexer, "--db", srv.db, extra], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        st, d = get_json(b, "/api/search?q=" + q("独角兽测试词汇"))
        t.ok(st == 200 and d and d["total"] == 1, "a running server sees what the indexer committed")
    finally:
        srv.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
