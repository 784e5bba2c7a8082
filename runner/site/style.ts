/** The site's stylesheet (`assets/site.css`): a readable column, distinct code and outputs. */
export const SITE_CSS = `/* nn-from-scratch: the rendered course */
:root {
  --text: #1f2328; --muted: #656d76; --line: #d0d7de; --code-bg: #f6f8fa; --accent: #0b63c5;
  --ok: #1a7f37; --fail: #cf222e; --err-bg: #fff5f5; --width: 50rem;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--text); background: #fff;
  font: 17px/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.dead-link { border-bottom: 1px dotted var(--muted); cursor: help; }
main { max-width: var(--width); margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
footer { max-width: var(--width); margin: 0 auto 3rem; padding: 0 1.25rem; }

.topbar {
  position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem;
  align-items: baseline; justify-content: space-between; padding: .55rem 1.25rem;
  background: rgba(255, 255, 255, .96); border-bottom: 1px solid var(--line); font-size: .9rem;
}
.topbar .home { font-weight: 600; color: var(--text); }
.topbar .links { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; align-items: baseline; }
.pager { display: flex; gap: 1.25rem; align-items: baseline; font-size: .9rem; }
footer .pager { justify-content: space-between; border-top: 1px solid var(--line); padding-top: 1rem; }
.pager .none { min-width: 1px; }
@media (max-width: 40rem) { .topbar { position: static; } }

h1, h2, h3 { line-height: 1.25; margin: 2rem 0 .75rem; }
h1 { font-size: 2rem; margin-top: .5rem; }
h2 { font-size: 1.45rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; }
p, ul, ol { margin: .6rem 0; }
code { font: .88em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
:not(pre) > code { background: var(--code-bg); padding: .1em .35em; border-radius: 4px; }
table { border-collapse: collapse; }

/* cells */
.cell { margin: 1rem 0; }
.cell.code { margin: 1.25rem 0; }
.input { position: relative; }
.prompt {
  font: .75rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted);
  white-space: nowrap; user-select: none;
}
.prompt.in { color: #3b5bab; }
.prompt.out { color: #b5442a; }
@media (min-width: 64rem) {
  .prompt { position: absolute; right: calc(100% + .6rem); top: .8rem; }
  .result { position: relative; }
  .result > .prompt { top: .35rem; right: calc(100% + 1.5rem + 3px); }
}
pre { margin: 0; overflow-x: auto; }
pre.code {
  background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem;
}
pre.code code.hljs { background: transparent; padding: 0; font-size: .84rem; line-height: 1.55; }
.outputs { margin-top: .35rem; padding-left: .9rem; border-left: 3px solid #c7d2fe; }
.outputs > * + * { margin-top: .15rem; }
pre.output {
  font: .84rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: .35rem 0;
  white-space: pre-wrap; word-break: break-word;
}
pre.output.stderr, pre.output.error {
  background: var(--err-bg); color: #82071e; padding: .5rem .75rem; border-radius: 4px;
}
.output.html { overflow-x: auto; }
.output.image img { max-width: 100%; }
.chart { width: 100%; min-height: 320px; margin: .5rem 0; }

/* math */
.math.display { overflow-x: auto; overflow-y: hidden; margin: 1rem 0; text-align: center; }
.math.display .eqno { float: right; }
.katex { font-size: 1.1em; }

/* solutions and exercises */
details { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; margin: .75rem 0; background: #fbfcfd; }
details > summary { cursor: pointer; font-weight: 600; color: var(--accent); }
details[open] > summary { margin-bottom: .4rem; }
blockquote { margin: .75rem 0; padding: .1rem 1rem; color: var(--muted); border-left: 4px solid var(--line); }
.markdown table td, .markdown table th { border: 1px solid var(--line); padding: .3rem .6rem; }

/* run status */
.run { font-size: .88rem; color: var(--muted); margin: 0 0 1rem; }
.status { font-weight: 600; white-space: nowrap; }
.status.ok { color: var(--ok); }
.status.failed { color: var(--fail); }
.status.not-run { color: var(--muted); font-weight: 500; }
.earlier { color: var(--muted); font-size: .85em; }

/* course map */
.lead { font-size: 1.05rem; color: var(--muted); }
.counts { font-size: .88rem; color: var(--muted); }
table.chapters { width: 100%; margin-top: 1.25rem; }
table.chapters th { text-align: left; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); padding: .4rem .5rem; }
table.chapters td { vertical-align: top; border-bottom: 1px solid var(--line); padding: .65rem .5rem; }
table.chapters td.num { font-variant-numeric: tabular-nums; color: var(--muted); width: 2.5rem; }
table.chapters td.chapter a { font-weight: 600; font-size: 1.05rem; }
table.chapters .summary { color: var(--muted); font-size: .92rem; margin-top: .15rem; }
table.chapters td.state, table.chapters td.time { white-space: nowrap; font-size: .9rem; }
table.chapters td.time { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
tr.not-run td.chapter a { color: #57606a; }
.try { margin-top: 1.5rem; }

/* draw a digit */
.notice { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .75rem 1rem; }
.draw-a-digit { display: flex; flex-wrap: wrap; gap: 1.5rem; margin-top: 1rem; }
.draw-a-digit .pad { display: flex; flex-direction: column; gap: .5rem; align-items: flex-start; }
#pad { width: 280px; height: 280px; background: #000; border-radius: 6px; cursor: crosshair; touch-action: none; }
#clear { font: inherit; padding: .25rem 1rem; }
.draw-a-digit .answer { flex: 1; min-width: 16rem; }
#verdict { font-weight: 600; margin-top: 0; }
ol.bars { list-style: none; padding: 0; font-variant-numeric: tabular-nums; }
ol.bars li { display: flex; gap: .6rem; align-items: center; line-height: 1.7; }
ol.bars .bar { flex: 1; height: .8rem; background: var(--code-bg); border-radius: 3px; overflow: hidden; }
ol.bars .fill { display: block; height: 100%; width: 0; background: #9db4d6; }
ol.bars li.best .fill { background: var(--accent); }
ol.bars li.best { font-weight: 600; }
#seen { width: 84px; height: 84px; image-rendering: pixelated; border-radius: 3px; }
.draw-a-digit figure { margin: 1rem 0 0; display: flex; gap: .75rem; align-items: flex-start; }
.draw-a-digit figcaption { font-size: .85rem; color: var(--muted); }
`;
