#!/usr/bin/env python3
"""browser.py: a staff member's path through the pages in headless Chromium: search 居住证积分,
filter by 市财政局, open a clause, follow a related clause, open the document outline, download
the department's CSV; a hostile document's markup shows as text and its script never runs.
Saves the README screenshot. TAP. Run with Debian's /usr/bin/python3 (python3-selenium).
usage: browser.py POLICY_INDEX POLICY_SERVE SOURCE_ROOT SCREENSHOT.png"""
import csv
import io
import os
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Server, Tap  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def browser():
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
              "--disable-dev-shm-usage", "--lang=zh-CN"):
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def follow(d, element):
    """Clicks a link or button and waits for the next page: click() returns before it loads,
    and the old page's elements would be read (a busy machine showed it)."""
    page = d.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(d, 30).until(expected_conditions.staleness_of(page))


def search(d, base, **fields):
    d.get(base + "/")
    for name, value in fields.items():
        box = d.find_element(By.ID, name)
        box.clear()
        box.send_keys(value)
    follow(d, d.find_element(By.ID, "go"))


def not_pwned(d):
    return "pwned" not in (d.title or "")


def main():
    indexer, server, root, shot = sys.argv[1:5]
    srv = Server(indexer, server, root)
    t = Tap()
    d = None
    try:
        d = browser()
        d.set_page_load_timeout(30)
        base = srv.base
        search(d, base, q="居住证积分")
        hits = d.find_elements(By.CSS_SELECTOR, "#results li.hit")
        t.ok(len(hits) >= 2, "typing 居住证积分 lists clauses (%d)" % len(hits))
        marks = [m.text for m in d.find_elements(By.CSS_SELECTOR, "#results mark")]
        t.ok(any("居住证" in m for m in marks), "the matched words are highlighted (%s)" % marks[:3])
        t.ok(len(d.find_elements(By.CSS_SELECTOR, "#results button.copy")) == len(hits),
             "each result has a 复制引用 button")
        os.makedirs(os.path.dirname(os.path.abspath(shot)), exist_ok=True)
        d.save_screenshot(shot)

        search(d, base, q="新城", dept="市财政局")
        hits = d.find_elements(By.CSS_SELECTOR, "#results li.hit")
        t.ok(hits and all("市财政局" in h.text for h in hits),
             "filtered by 市财政局, every clause names it (%d)" % len(hits))
        follow(d, d.find_element(By.CSS_SELECTOR, "#results a.clause-link"))
        t.ok(d.find_elements(By.ID, "text") and d.find_elements(By.CSS_SELECTOR, "nav.breadcrumbs"),
             "a clause opens with its text and heading path")
        first = d.current_url
        related = d.find_elements(By.CSS_SELECTOR, "#related a.related-link")
        t.ok(len(related) > 0, "the clause lists related clauses (%d)" % len(related))
        if related:
            follow(d, related[0])
            t.ok(d.current_url != first and d.find_elements(By.ID, "text"),
                 "following a related clause opens it")
        follow(d, d.find_element(By.ID, "doc-link"))
        t.ok(d.find_elements(By.CSS_SELECTOR, "#outline li") and
             d.find_elements(By.CSS_SELECTOR, "#doc-text section.current"),
             "the document opens with its outline and the clause marked")

        d.get(base + "/dept?name=" + urllib.parse.quote("市财政局"))
        link = d.find_element(By.ID, "csv").get_attribute("href")
        with urllib.request.urlopen(link, timeout=20) as r:
            rows = list(csv.DictReader(io.StringIO(r.read().decode("utf-8-sig"))))
        t.ok(len(rows) == 6 and all(x["部门"] == "市财政局" for x in rows),
             "the department page's CSV download has its 6 clauses")

        # The hostile document: its markup shows as text, its script never runs.
        search(d, base, q="防护工作")
        t.ok(not_pwned(d), "search results run no script from a document (title %r)" % d.title)
        body = d.find_element(By.TAG_NAME, "body").text
        t.ok("script>" in body, "its markup shows literally in the results")
        follow(d, d.find_element(By.CSS_SELECTOR, "#results a.clause-link"))
        t.ok(not_pwned(d) and "<script>" in d.find_element(By.ID, "text").text,
             "the clause page shows <script> as text, and it does not run")
        follow(d, d.find_element(By.ID, "doc-link"))
        t.ok(not_pwned(d) and "onerror" in d.find_element(By.TAG_NAME, "body").text,
             "the document page shows the hostile title as text")
        bad = [a.get_attribute("href") for a in d.find_elements(By.TAG_NAME, "a")
               if (a.get_attribute("href") or "").lower().startswith("javascript:")]
        t.ok(not bad, "no link is javascript: (%s)" % bad[:2])
    except Exception as e:  # a missing element is a failed step, reported, not a crash
        t.ok(False, "the walk through the pages: %s" % str(e).splitlines()[0][:200])
    finally:
        if d:
            d.quit()
        srv.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
