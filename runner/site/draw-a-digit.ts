/**
 * `draw-a-digit.html`: the reader draws a digit and the network that chapter 16 trained and saved
 * (`<site>/models/digits.json`) classifies it live, in the browser, with the library's browser
 * build (`dist/browser/nn-from-scratch.js`, copied to `assets/`). A file:// page cannot fetch JSON,
 * so the model is also written as a script, `models/digits.js`, that sets `window.DIGITS_MODEL`.
 * Without a model (or without the browser build) the page says what to run first.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { escapeHtml } from "./escape.js";
import { htmlDocument } from "./layout.js";

/** The page's file name in the site. */
export const DRAW_A_DIGIT_PAGE = "draw-a-digit.html";

/** Where `npm run build` writes the library's browser build. */
export const BROWSER_BUILD = fileURLToPath(new URL("../../dist/browser/nn-from-scratch.js", import.meta.url));

const CLIENT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "client", "draw-a-digit.js");

/** What {@link writeDrawADigit} found. */
export interface DrawADigitPage {
  /** Path of the page. */
  file: string;
  /** True when the page has a model to classify with. */
  ready: boolean;
  /** Problems worth telling the author (e.g. a damaged model file). */
  warnings: string[];
}

/** Writes the page, and its scripts when the model and the browser build are there. */
export function writeDrawADigit(outDir: string, courseTitle: string, browserBuild = BROWSER_BUILD): DrawADigitPage {
  const warnings: string[] = [];
  const modelJson = join(outDir, "models", "digits.json");
  const modelScript = join(outDir, "models", "digits.js");
  let missing: string | undefined;
  if (!existsSync(modelJson)) {
    missing = "There is no trained model yet: run chapter 16 first (<code>npm run course -- 16</code>), which saves it to <code>models/digits.json</code>, then reload this page.";
  } else if (!existsSync(browserBuild)) {
    missing = "The library's browser build is missing: run <code>npm run build</code>, then <code>npm run course -- 16</code> again.";
  } else {
    try {
      // Parsed and written again: the script holds plain data, nothing from the file runs as code.
      const model: unknown = JSON.parse(readFileSync(modelJson, "utf8"));
      writeFileSync(modelScript, `// The digits model of chapter 16 (models/digits.json), as a script: file:// pages cannot fetch JSON.\nwindow.DIGITS_MODEL = ${JSON.stringify(model)};\n`);
      copyFileSync(browserBuild, join(outDir, "assets", "nn-from-scratch.js"));
      copyFileSync(CLIENT_SCRIPT, join(outDir, "assets", "draw-a-digit.js"));
    } catch (error) {
      warnings.push(`${DRAW_A_DIGIT_PAGE}: cannot read ${modelJson}: ${(error as Error).message}`);
      missing = `The saved model <code>models/digits.json</code> could not be read (${escapeHtml((error as Error).message)}): run chapter 16 again.`;
    }
  }
  if (missing) rmSync(modelScript, { force: true }); // never a stale model beside a missing one

  const file = join(outDir, DRAW_A_DIGIT_PAGE);
  writeFileSync(file, renderDrawADigitPage(courseTitle, missing));
  return { file, ready: missing === undefined, warnings };
}

/** The page: a drawing pad, a clear button, what the network sees, and ten probability bars. */
export function renderDrawADigitPage(courseTitle: string, missing?: string): string {
  const bars = Array.from({ length: 10 }, (_, d) => `<li><span class="digit">${d}</span><span class="bar"><span class="fill"></span></span><span class="p">0.000</span></li>`).join("\n");
  const main = `<h1>Draw a digit</h1>
<p class="lead">Draw a digit from 0 to 9 with the mouse (or a finger). The network that chapter 16 trained on MNIST classifies it as you draw, here in the browser, with this course's library.</p>
${
  missing
    ? `<p class="notice">${missing}</p>`
    : `<div class="draw-a-digit">
<div class="pad">
<canvas id="pad" width="280" height="280" aria-label="Drawing pad: draw a digit here"></canvas>
<button id="clear" type="button">Clear</button>
</div>
<div class="answer">
<p id="verdict">Draw a digit from 0 to 9 in the black square.</p>
<ol id="bars" class="bars">
${bars}
</ol>
<figure><canvas id="seen" width="28" height="28"></canvas><figcaption>What the network sees: the drawing as MNIST prepared its digits, 28×28 pixels, the digit scaled into 20×20 and centred by its centre of mass.</figcaption></figure>
</div>
</div>
<script src="assets/nn-from-scratch.js"></script>
<script src="models/digits.js"></script>
<script src="assets/draw-a-digit.js"></script>`
}`;
  return htmlDocument({ title: `Draw a digit · ${courseTitle}`, courseTitle, nav: `<nav class="pager"><a class="up" href="index.html">Course map</a></nav>`, main });
}
