#!/usr/bin/env node
/**
 * Classifies handwritten digits in PNG files with a saved digits model (chapter 16 saves one to
 * build/course/models/digits.json):
 *
 *   node examples/classify-digits.mjs build/course/models/digits.json a.png b.png …
 *
 * prints one line per file, e.g. `a.png: 7 (probability 0.981)`. Each PNG must be 28×28 pixels, like
 * MNIST's digits: grey or colour, each pixel's intensity is the mean of red, green and blue, in
 * [0, 1]. MNIST digits are white on black; a picture that is mostly light (dark ink on paper) is
 * inverted first, and the line says so. Transparent pixels count as black (background).
 * A missing or unreadable file, or a picture of another size, gets a message; the exit code is then 1.
 *
 * PNGs are decoded with pngjs (`npm install pngjs`): the example's dependency, not the library's.
 */
import { readFileSync } from "node:fs";
import { Matrix, Model } from "nn-from-scratch";
import pngjs from "pngjs";

const SIDE = 28;

/** A PNG file as the 784 pixels the model reads, and whether it was inverted. */
function readDigit(file) {
  let png;
  try {
    png = pngjs.PNG.sync.read(readFileSync(file));
  } catch (error) {
    const why = error.code === "ENOENT" ? "no such file" : error.code ? error.message : `not a readable PNG (${error.message})`;
    throw new Error(`cannot read ${file}: ${why}`);
  }
  if (png.width !== SIDE || png.height !== SIDE) {
    throw new Error(`${file} is ${png.width}×${png.height} pixels; expected ${SIDE}×${SIDE}, the size of MNIST's digits — resize it first`);
  }
  // pngjs gives 8-bit RGBA whatever the file stored (grey, palette, RGB, 16-bit).
  const pixels = new Array(SIDE * SIDE);
  for (let k = 0; k < pixels.length; k++) {
    const [r, g, b, a] = png.data.subarray(4 * k, 4 * k + 4);
    pixels[k] = ((r + g + b) / 3 / 255) * (a / 255);
  }
  const inverted = pixels.reduce((sum, v) => sum + v, 0) / pixels.length > 0.5;
  return { pixels: inverted ? pixels.map((v) => 1 - v) : pixels, inverted };
}

async function main(args) {
  if (args.length < 2) {
    console.error("usage: node examples/classify-digits.mjs model.json digit.png [more.png …]");
    return 1;
  }
  const [modelFile, ...files] = args;
  let model;
  try {
    model = await Model.load(modelFile);
  } catch (error) {
    console.error(`classify-digits: ${error.message}`);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { pixels, inverted } = readDigit(file);
      const probabilities = model.predict(Matrix.from([pixels])).row(0);
      const digit = probabilities.indexOf(Math.max(...probabilities));
      console.log(`${file}: ${digit} (probability ${probabilities[digit].toFixed(4)})${inverted ? " [dark on light: inverted]" : ""}`);
    } catch (error) {
      console.error(`classify-digits: ${error.message}`);
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
