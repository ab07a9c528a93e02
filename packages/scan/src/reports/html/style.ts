// The report's one stylesheet (hashed into the CSP). Fixed-layout tables, wrapping ids and
// evidence, and a content width that never exceeds the window: no horizontal scroll at
// 1,400 px, whatever the length of a SID, a URL or a hostile friendly name.
export const STYLE = `
:root { color-scheme: light; --fail: #b42318; --advisory: #9e3f9c; --unknown: #b54708; --manual: #175cd3; --muted: #667085; --attested: #067647; --pass: #067647; --line: #eaecf0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 1.5rem 2rem; max-width: 1400px; color: #101828; overflow-wrap: anywhere; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h1 .verdict { padding: .1rem .6rem; border-radius: .3rem; color: #fff; margin-right: .5rem; }
.verdict-fail { background: var(--fail); } .verdict-incomplete { background: var(--unknown); } .verdict-pass { background: var(--pass); }
.meta { color: #475467; margin: .25rem 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .9rem; min-width: 7rem; }
.card b { display: block; font-size: 1.4rem; }
.charts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.5fr); gap: 2rem; }
.chart { max-width: 100%; height: auto; }
.legend { color: #475467; font-size: 12px; } .legend .key { margin-right: .6rem; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f9fafb; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.ev { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; white-space: pre-wrap; word-break: break-word; }
.id { font-size: 12px; word-break: break-all; }
.s { font-weight: 600; } .s-fail { color: var(--fail); } .s-advisory { color: var(--advisory); } .s-unknown { color: var(--unknown); } .s-manual { color: var(--manual); }
.s-muted { color: var(--muted); } .s-attested, .s-pass { color: var(--pass); }
.sev { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: 12px; color: #fff; }
.sev-critical { background: #7a271a; } .sev-high { background: #d92d20; } .sev-medium { background: #b54708; } .sev-low { background: #175cd3; } .sev-info { background: #667085; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: .5rem 0; }
.filters .label { color: #475467; margin-left: .4rem; }
.filters button { border: 1px solid #d0d5dd; background: #fff; color: #344054; border-radius: 1rem; padding: .15rem .65rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #eef4ff; border-color: #175cd3; color: #101828; }
.filters button[aria-pressed="false"] { opacity: .6; text-decoration: line-through; }
#search { padding: .25rem .5rem; border: 1px solid #d0d5dd; border-radius: .3rem; width: 18rem; max-width: 100%; }
.head, summary.row { display: grid; grid-template-columns: 16rem minmax(0, 1fr) 12rem 6rem 6rem 6rem; gap: .5rem; align-items: baseline; padding: .35rem .5rem; }
.head { background: #f9fafb; border-bottom: 1px solid var(--line); font-weight: 600; }
.head button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; text-align: left; color: inherit; }
.head button[aria-sort="ascending"]::after { content: " ▲"; } .head button[aria-sort="descending"]::after { content: " ▼"; }
details.group { border-bottom: 1px solid var(--line); }
summary.row { cursor: pointer; list-style: none; }
summary.row::-webkit-details-marker { display: none; }
summary.row .ctl::before { content: "▸ "; color: #98a2b3; } details[open] > summary.row .ctl::before { content: "▾ "; }
summary.row:hover { background: #f9fafb; }
.body { padding: .25rem .5rem .75rem 1.5rem; }
.body p { margin: .25rem 0; }
.resources th:nth-child(1) { width: 6rem; } .resources th:nth-child(2) { width: 17rem; } .resources th:nth-child(3) { width: 24rem; }
a { color: #175cd3; }
`;
