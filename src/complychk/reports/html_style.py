"""The inline stylesheet of the HTML report: screen and print, badge colours per outcome."""

from __future__ import annotations

STYLE = """
:root { --pass: #1a7f37; --fail: #cf222e; --not_applicable: #6e7781;
  --insufficient_evidence: #9a6700; --pending: #0969da; --waived: #8250df;
  --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; color: var(--muted); }
.meta, .counts { color: var(--muted); margin: .25rem 0; }
.verdict { font-weight: 600; }
table { border-collapse: collapse; margin: .5rem 0; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ul.checklist { list-style: none; padding: 0; margin: 0; }
li.finding { border-left: 4px solid var(--rule); padding: .35rem .75rem; margin: .4rem 0;
  break-inside: avoid; }
li.finding.outcome-fail { border-left-color: var(--fail); background: #fff5f5; }
.head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.badge { display: inline-block; min-width: 7.5rem; text-align: center; color: #fff;
  border-radius: 3px; padding: 0 .4rem; font-size: .8rem; font-weight: 700; letter-spacing: .03em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.not_applicable { background: var(--not_applicable); }
.badge.insufficient_evidence { background: var(--insufficient_evidence); }
.badge.pending { background: var(--pending); }
.badge.waived { background: var(--waived); }
.title { flex: 1 1 16rem; }
.severity { font-size: .8rem; text-transform: uppercase; color: var(--muted); min-width: 4.5rem; }
.severity.must { color: var(--ink); font-weight: 700; }
.cid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.message, .value, .problem { white-space: pre-line; }
.detail { margin: .25rem 0 .25rem 8rem; }
.detail p, .detail ul { margin: .2rem 0; }
.detail ul { padding-left: 1.2rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
  background: #f6f8fa; padding: 0 .2rem; border-radius: 3px; overflow-wrap: anywhere; }
q.value { font-style: italic; }
.unstated { color: var(--insufficient_evidence); font-style: italic; }
.label { color: var(--muted); }
.sources { color: var(--muted); font-size: .9rem; }
a { color: var(--pending); overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
.matrix table { width: auto; font-size: .8rem; }
.matrix th, .matrix td { padding: .1rem .3rem; white-space: nowrap; }
.matrix td.code { text-align: center; font-weight: 700; }
.matrix td.code.pass { color: var(--pass); }
.matrix td.code.fail { color: #fff; background: var(--fail); }
.matrix td.code.not_applicable { color: var(--not_applicable); }
.matrix td.code.insufficient_evidence { color: var(--insufficient_evidence); }
.matrix td.code.pending { color: var(--pending); }
.matrix td.code.waived { color: var(--waived); }
@media (max-width: 40rem) { .detail { margin-left: 1rem; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section.proposal { break-before: page; }
  li.finding.outcome-fail { background: none; }
  a { color: inherit; text-decoration: none; }
  .detail { margin-left: 2rem; }
}
"""
