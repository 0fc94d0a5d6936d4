"""common.py: what the server tests share: an index of corpus/ plus a hostile document, and a
policy-serve on a free port of 127.0.0.1 that stops with the test."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# A document that tries everything a page must not let through. Written as HTML with entities,
# so that after reading, the records hold the markup as text: a title with quotes and an
# <img onerror>, a <script> in a measure, a javascript: link.
HOSTILE = """<html><head><title>恶意&quot;&gt;&lt;img src=x onerror=&quot;document.title='pwned-img'&quot;&gt;测试方案</title></head>
<body><h1>恶意&quot;&gt;&lt;img src=x onerror=&quot;document.title='pwned-img'&quot;&gt;测试方案</h1>
<p>一、任务</p>
<p>1.加强&lt;script&gt;document.title='pwned-script'&lt;/script&gt;防护工作。点击<a href="javascript:document.title='pwned-link'">这里</a>查看。（责任单位：市安全测试局）</p>
<p>2.落实&quot;引号&#39;与&lt;b&gt;标签&lt;/b&gt;检查。（责任单位：市安全测试局）</p>
</body></html>
"""


class Server:
    """Indexes corpus/ and the hostile document, starts policy-serve, stops it on exit."""

    def __init__(self, indexer, server, root):
        self.tmp = tempfile.mkdtemp(prefix="ps-serve-")
        docs = os.path.join(self.tmp, "docs")
        os.makedirs(docs)
        for f in sorted(os.listdir(os.path.join(root, "corpus"))):
            shutil.copy(os.path.join(root, "corpus", f), docs)
        with open(os.path.join(docs, "hostile.html"), "w", encoding="utf-8") as f:
            f.write(HOSTILE)
        self.db = os.path.join(self.tmp, "db")
        subprocess.run([indexer, "--db", self.db, docs], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.proc = subprocess.Popen([server, "--db", self.db, "--listen", "127.0.0.1:0",
                                      "--threads", "4"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.stop()
            sys.exit("Bail out! policy-serve did not say where it listens: %r" % line)
        self.base = "http://127.0.0.1:%s" % m.group(1)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name):
        self.n += 1
        if not cond:
            self.failed += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name), flush=True)
        return cond

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0
