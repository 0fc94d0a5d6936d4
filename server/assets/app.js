/* app.js: policy-serve's only script. It only enhances: the copy buttons put the clause's
 * text and citation on the clipboard; every page works without it. */
"use strict";
document.addEventListener("click", function (ev) {
  var b = ev.target.closest ? ev.target.closest("button.copy") : null;
  if (!b) return;
  var text = (b.getAttribute("data-text") || "") + "\n——" + (b.getAttribute("data-citation") || "");
  var done = function () { var old = b.textContent; b.textContent = "已复制"; setTimeout(function () { b.textContent = old; }, 1500); };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, function () {});
  } else {
    var t = document.createElement("textarea");
    t.value = text; document.body.appendChild(t); t.select();
    try { document.execCommand("copy"); done(); } catch (e) {}
    document.body.removeChild(t);
  }
});
