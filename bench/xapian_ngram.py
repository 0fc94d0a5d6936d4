#!/usr/bin/python3
"""Xapian's own CJK n-gram search (the omindex database, QueryParser with FLAG_CJK_NGRAM), in
one process, for bench/run.sh. Debian's python3-xapian.

  xapian_ngram.py DB QUERIES.tsv      prints kind, ms, query per query"""
import sys, time
import xapian

db = xapian.Database(sys.argv[1])
qp = xapian.QueryParser()
qp.set_database(db)
flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    _, kind, query = line.rstrip("\n").split("\t")[:3]
    start = time.monotonic()
    enquire = xapian.Enquire(db)
    enquire.set_query(qp.parse_query(query, flags))
    for m in enquire.get_mset(0, 10):
        m.document.get_data()
    print(f"{kind}\t{(time.monotonic() - start) * 1000:.3f}\t{query}")
