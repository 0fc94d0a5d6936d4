#!/usr/bin/python3
"""SQLite FTS5 (trigram tokenizer) peer for bench/run.sh, over the clause texts this project
produces (policy-index --dump). Debian's python3 and its sqlite3 module (libsqlite3 3.40).

  fts5.py build DB CLAUSES.jsonl      prints the build seconds (loading the raw table excluded)
  fts5.py bench DB QUERIES.tsv        prints kind, ms, query per query, in one process
  fts5.py sql QUERY                   the SQL for a query, for timing the sqlite3 program alone

Each query returns what a results page needs, as policy-search does: the top ten clauses with
their id, whole text and a snippet. Words of three or more characters use the trigram index
(MATCH '"word"'), ranked by FTS5's bm25 (ORDER BY rank), with FTS5's snippet(); shorter
words, which trigrams cannot index, use LIKE '%word%', as FTS5's documentation suggests. A
query of those alone has no rank to order by (its first ten matches are returned) and no
snippet() (an auxiliary function needs MATCH): its snippet is the text around the first word,
cut with substr()."""
import json, sqlite3, sys, time

def build(db, clauses):
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE raw(id TEXT, text TEXT)")
    with open(clauses, encoding="utf-8") as f:
        con.executemany("INSERT INTO raw VALUES (?, ?)",
                        ((r["id"], r["text"]) for r in map(json.loads, f)))
    con.commit()
    start = time.monotonic()
    con.execute("CREATE VIRTUAL TABLE clauses USING fts5(text, id UNINDEXED, tokenize='trigram')")
    con.execute("INSERT INTO clauses(text, id) SELECT text, id FROM raw")
    con.commit()
    elapsed = time.monotonic() - start
    con.execute("DROP TABLE raw")
    con.commit()
    con.execute("VACUUM")
    print(f"{elapsed:.3f}")

def sql_for(query):
    words = [w.strip('"') for w in query.split() if w not in ("OR", "AND")]
    match, like, params = [], [], []
    for w in words:
        if len(w) >= 3:
            match.append('"' + w.replace('"', '""') + '"')
        else:
            like.append("text LIKE ?")
            params.append("%" + w + "%")
    where = []
    if match:
        where.append("clauses MATCH ?")
        params.insert(0, " AND ".join(match))
    where += like
    order = " ORDER BY rank" if match else ""
    if match:
        snippet = "snippet(clauses, 0, '[', ']', '…', 24)"
    else:  # no MATCH, no snippet(): the text around the first word
        snippet = "substr(text, max(1, instr(text, ?) - 12), 48)"
        params.insert(0, words[0])
    return ("SELECT id, text, " + snippet + " FROM clauses WHERE " + " AND ".join(where) +
            order + " LIMIT 10", params)

def run(con, query):
    sql, params = sql_for(query)
    rows = con.execute(sql, params).fetchall()
    assert all(text and snip for _, text, snip in rows), query
    return rows

def bench(db, queries):
    con = sqlite3.connect(db)
    for line in open(queries, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        _, kind, query = line.rstrip("\n").split("\t")[:3]
        start = time.monotonic()
        run(con, query)
        print(f"{kind}\t{(time.monotonic() - start) * 1000:.3f}\t{query}")

if __name__ == "__main__":
    cmd, db = sys.argv[1], sys.argv[2]
    if cmd == "build":
        build(db, sys.argv[3])
    elif cmd == "bench":
        bench(db, sys.argv[3])
    elif cmd == "sql":
        sql, params = sql_for(db)  # argv[2] is the query here
        for p in params:
            sql = sql.replace("?", "'" + p.replace("'", "''") + "'", 1)
        print(sql + ";")
