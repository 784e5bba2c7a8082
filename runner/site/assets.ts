/**
 * The site's local assets under `<outDir>/assets/`: KaTeX's stylesheet and fonts, the
 * highlight.js theme, plotly.js and the site's own stylesheet. Nothing is loaded from a CDN.
 */
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { SITE_CSS } from "./style.js";

const require = createRequire(import.meta.url);

/** Where an installed package's file is, e.g. `katex/dist/katex.min.css`. */
function packageFile(spec: string): string {
  const [scopeOrName, ...rest] = spec.split("/");
  const name = scopeOrName.startsWith("@") ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  return join(dirname(require.resolve(`${name}/package.json`)), ...rest);
}

/** Copies every asset into `<outDir>/assets/` (overwriting older copies). */
export function writeAssets(outDir: string): void {
  const assets = join(outDir, "assets");
  mkdirSync(join(assets, "katex"), { recursive: true });
  copyFileSync(packageFile("katex/dist/katex.min.css"), join(assets, "katex", "katex.min.css"));
  cpSync(packageFile("katex/dist/fonts"), join(assets, "katex", "fonts"), { recursive: true });
  copyFileSync(packageFile("highlight.js/styles/github.min.css"), join(assets, "highlight.css"));
  copyFileSync(packageFile("plotly.js-dist-min/plotly.min.js"), join(assets, "plotly.min.js"));
  writeFileSync(join(assets, "site.css"), SITE_CSS);
}
