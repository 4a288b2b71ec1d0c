// The proposal editor: line numbers, and verdicts checked again as the user types (debounced).
// Everything it shows is set as text, never as HTML, so a proposal's words cannot become markup.
"use strict";
(function () {
  const text = document.getElementById("proposal");
  const gutter = document.getElementById("gutter");
  const fileName = document.getElementById("file-name");
  const asOf = document.getElementById("as-of");
  const status = document.getElementById("live-status");
  const verdict = document.getElementById("live-verdict");
  const problem = document.getElementById("live-error");
  const list = document.getElementById("live-findings");
  const LABELS = { fail: "FAIL", insufficient_evidence: "INSUFFICIENT", pending: "PENDING",
    waived: "WAIVED", pass: "PASS", not_applicable: "N/A" };
  let timer = null;
  let sent = 0;

  function drawGutter(badLine) {
    const count = text.value.split("\n").length;
    gutter.textContent = "";
    for (let n = 1; n <= count; n++) {
      const row = document.createElement("span");
      row.textContent = String(n);
      if (n === badLine) { row.className = "bad"; row.id = "bad-line"; }
      gutter.appendChild(row);
      gutter.appendChild(document.createTextNode("\n"));
    }
    gutter.scrollTop = text.scrollTop;
  }

  function show(result) {
    list.textContent = "";
    if (result.error) {
      problem.hidden = false;
      problem.textContent = result.error.message;
      verdict.textContent = "";
      drawGutter(result.error.line);
      status.textContent = "This text cannot be checked:";
      return;
    }
    problem.hidden = true;
    drawGutter(null);
    status.textContent = "Checked as of " + result.as_of + " against " + result.pack + ".";
    const counts = Object.entries(result.counts).filter(([, n]) => n > 0)
      .map(([o, n]) => n + " " + o.replace("_", " ")).join(", ");
    verdict.textContent = (result.blocks ? "Blocks at must. " : "Does not block. ") + counts;
    verdict.className = result.blocks ? "verdict blocks" : "verdict clear";
    for (const f of result.findings) {
      if (f.outcome === "pass" || f.outcome === "not_applicable") continue;
      const item = document.createElement("li");
      item.className = "finding " + f.outcome;
      item.dataset.condition = f.condition_id;
      const badge = document.createElement("span");
      badge.className = "badge " + f.outcome;
      badge.textContent = LABELS[f.outcome] || f.outcome;
      const head = document.createElement("b");
      head.textContent = " " + f.condition_id + " ";
      const title = document.createElement("span");
      title.textContent = f.title;
      const message = document.createElement("div");
      message.className = "message";
      message.textContent = f.message + (f.lines.length ? " (line " + f.lines.join(", ") + ")" : "");
      item.append(badge, head, title, message);
      if (f.lines.length) {
        item.classList.add("jumps");
        item.title = "Show line " + f.lines[0] + " in the editor";
        item.addEventListener("click", () => showLine(f.lines[0]));
      }
      list.appendChild(item);
    }
  }

  function showLine(line) {
    const lines = text.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((sum, each) => sum + each.length + 1, 0);
    text.focus();
    text.setSelectionRange(start, start + (lines[line - 1] || "").length);
    const height = parseFloat(getComputedStyle(text).lineHeight);
    text.scrollTop = Math.max(0, (line - 6) * height);
    gutter.scrollTop = text.scrollTop;
  }

  async function check() {
    const mine = ++sent;
    status.textContent = "Checking…";
    try {
      const response = await fetch("/api/check", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          // the page's CSRF token (empty when sign-in is off); cookies alone never suffice
          "X-CSRF-Token": document.querySelector('meta[name="csrf-token"]').content,
        },
        body: JSON.stringify({ text: text.value, file_name: fileName.value, as_of: asOf.value || null }),
      });
      const result = await response.json();
      if (mine !== sent) return;  // a later keystroke's answer is coming
      if (!response.ok) {
        show({ error: { line: null, message: result.detail || "the server refused the check" } });
      } else {
        show(result);
      }
    } catch (error) {
      if (mine === sent) status.textContent = "The workspace server cannot be reached.";
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  text.addEventListener("input", () => { drawGutter(null); later(); });
  text.addEventListener("scroll", () => { gutter.scrollTop = text.scrollTop; });
  asOf.addEventListener("change", later);
  fileName.addEventListener("change", later);
  drawGutter(null);
  check();
})();
