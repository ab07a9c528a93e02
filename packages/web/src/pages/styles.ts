// The one stylesheet, served from /assets/app.css (the CSP allows styles from this origin only).
export const APP_CSS = `
:root { --fg:#16181d; --muted:#5b6170; --line:#d9dce3; --bg:#f6f7f9; --card:#fff; --accent:#1d4ed8;
  --fail:#b91c1c; --advisory:#b45309; --unknown:#6d28d9; --manual:#0e7490; --attested:#15803d; --muted-s:#64748b; --pass:#166534; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
header.top { display:flex; align-items:center; gap:1.5rem; padding:.6rem 1.25rem; background:#0f172a; color:#e2e8f0; flex-wrap:wrap; }
header.top a { color:#e2e8f0; text-decoration:none; }
header.top .brand { font-weight:700; letter-spacing:.02em; }
header.top nav { display:flex; gap:1rem; flex:1; }
header.top nav a[aria-current=page] { border-bottom:2px solid #93c5fd; }
header.top .signout { display:flex; gap:.6rem; align-items:center; margin:0; }
header.top .role { color:#94a3b8; }
header.top button { background:transparent; color:#e2e8f0; border:1px solid #64748b; border-radius:.3rem; padding:.2rem .6rem; cursor:pointer; }
main { max-width:80rem; margin:0 auto; padding:1.25rem; }
h1 { font-size:1.5rem; margin:.2rem 0 1rem; }
h2 { font-size:1.15rem; margin:1.5rem 0 .6rem; }
.card { background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:1rem; margin-bottom:1rem; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(18rem,1fr)); gap:1rem; }
.signin { max-width:24rem; margin:3rem auto; background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:1.5rem; }
.signin form { display:grid; gap:.4rem; }
.signin input { padding:.5rem; font:inherit; border:1px solid var(--line); border-radius:.3rem; }
.signin button, button.primary { margin-top:.6rem; padding:.55rem; font:inherit; background:var(--accent); color:#fff; border:0; border-radius:.3rem; cursor:pointer; }
.hint { color:var(--muted); font-size:.85rem; }
.sso a.button { display:block; text-align:center; padding:.55rem; border:1px solid var(--accent); border-radius:.3rem; text-decoration:none; }
.notice { background:#eff6ff; border:1px solid #bfdbfe; padding:.5rem .7rem; border-radius:.3rem; }
.error { background:#fef2f2; border:1px solid #fecaca; color:#7f1d1d; padding:.5rem .7rem; border-radius:.3rem; }
table { border-collapse:collapse; width:100%; background:var(--card); }
th, td { text-align:left; padding:.35rem .55rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:.8rem; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
code, .mono { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; font-size:.85em; }
.pill { display:inline-block; padding:0 .45rem; border-radius:1rem; font-size:.8rem; font-weight:600; color:#fff; }
.s-fail { background:var(--fail); } .s-advisory { background:var(--advisory); } .s-unknown { background:var(--unknown); }
.s-manual { background:var(--manual); } .s-attested { background:var(--attested); } .s-muted { background:var(--muted-s); } .s-pass { background:var(--pass); }
.counts { display:flex; gap:.5rem; flex-wrap:wrap; margin:0; padding:0; list-style:none; }
.counts li { background:var(--card); border:1px solid var(--line); border-radius:.4rem; padding:.4rem .7rem; min-width:7rem; }
.counts li strong { display:block; font-size:1.4rem; font-variant-numeric:tabular-nums; }
.counts a { text-decoration:none; color:inherit; }
form.filters { display:flex; gap:.6rem; flex-wrap:wrap; align-items:end; margin-bottom:1rem; }
form.filters label { display:grid; font-size:.8rem; color:var(--muted); }
form.filters input, form.filters select { font:inherit; padding:.3rem; }
form.inline { display:inline; }
figure { margin:0 0 1rem; }
pre.mono { white-space:pre-wrap; overflow-wrap:anywhere; }
#verification p { overflow-wrap:anywhere; }
.chart { width:100%; height:auto; max-height:14rem; }
.chart text { font-size:11px; fill:var(--muted); }
.legend { color:var(--muted); font-size:.85rem; }
.legend .k-fail { color:var(--fail); } .legend .k-unknown { color:var(--unknown); }
.legend .swatch { vertical-align:middle; }
.muted { color:var(--muted); }
.ok { color:var(--pass); font-weight:600; } .bad { color:var(--fail); font-weight:600; }
textarea, input[type=date], select, input[type=text] { font:inherit; padding:.35rem; border:1px solid var(--line); border-radius:.3rem; }
textarea { width:100%; min-height:4rem; }
.pager { display:flex; gap:1rem; margin:.6rem 0; }
`;
