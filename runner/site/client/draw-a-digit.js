/*
 * Draw a digit: the reader draws on a canvas and the digits network of chapter 16 says, live,
 * which digit it sees. The page loads, before this script:
 *   assets/nn-from-scratch.js — the library's browser build, which sets `nn`;
 *   models/digits.js          — the trained model, `window.DIGITS_MODEL` (Model.toJSON()'s data).
 */
(() => {
  "use strict";
  const SIDE = 28; // MNIST digits are 28×28 pixels …
  const BOX = 20; // … with the digit scaled into a 20×20 box, centred by its centre of mass

  const model = nn.Model.fromJSON(window.DIGITS_MODEL);
  const pad = document.getElementById("pad");
  const pen = pad.getContext("2d", { willReadFrequently: true });
  const seen = document.getElementById("seen").getContext("2d");
  const verdict = document.getElementById("verdict");
  const bars = Array.from(document.querySelectorAll("#bars li"));

  /** The ten class probabilities for one digit of 784 pixels in [0, 1]. */
  function classifyPixels(pixels) {
    return model.predict(nn.Matrix.from([Array.from(pixels)])).row(0);
  }

  /**
   * The drawing prepared as MNIST prepared its digits: white on black, the ink's bounding box
   * scaled (aspect kept) so its longer side is 20 pixels, placed in 28×28 with its centre of mass
   * at the centre, the brightest pixel 1. Returns 784 numbers in [0, 1], or null for an empty pad.
   */
  function toMnist(image) {
    const { width, height, data } = image;
    const ink = (x, y) => data[(y * width + x) * 4] / 255; // red = grey: strokes are white
    let top = height, bottom = -1, left = width, right = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (ink(x, y) > 0) {
          top = Math.min(top, y); bottom = Math.max(bottom, y);
          left = Math.min(left, x); right = Math.max(right, x);
        }
      }
    }
    if (bottom < 0) return null;

    // Shrink: each small pixel is the mean of the drawing's pixels it covers.
    const scale = BOX / Math.max(right - left + 1, bottom - top + 1);
    const w = Math.max(1, Math.round((right - left + 1) * scale));
    const h = Math.max(1, Math.round((bottom - top + 1) * scale));
    const small = new Float64Array(w * h);
    const span = (i, start, end) => {
      const from = start + Math.floor(i / scale);
      return [from, Math.min(end + 1, Math.max(from + 1, start + Math.floor((i + 1) / scale)))];
    };
    for (let i = 0; i < h; i++) {
      const [y0, y1] = span(i, top, bottom);
      for (let j = 0; j < w; j++) {
        const [x0, x1] = span(j, left, right);
        let sum = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += ink(x, y);
        small[i * w + j] = sum / ((y1 - y0) * (x1 - x0));
      }
    }

    // Centre of mass, then the whole-pixel shift that brings it to the middle (13.5, 13.5).
    let mass = 0, cx = 0, cy = 0, brightest = 0;
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const v = small[i * w + j];
        mass += v; cx += j * v; cy += i * v;
        brightest = Math.max(brightest, v);
      }
    }
    const dx = Math.round((SIDE - 1) / 2 - cx / mass);
    const dy = Math.round((SIDE - 1) / 2 - cy / mass);
    const pixels = new Float64Array(SIDE * SIDE);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const y = i + dy, x = j + dx;
        if (y >= 0 && y < SIDE && x >= 0 && x < SIDE) pixels[y * SIDE + x] = small[i * w + j] / brightest;
      }
    }
    return pixels;
  }

  /** Shows the network's input (28×28, drawn large) and its ten probabilities as bars. */
  function show(pixels, probabilities) {
    const picture = seen.createImageData(SIDE, SIDE);
    for (let k = 0; k < SIDE * SIDE; k++) {
      const v = pixels ? Math.round(pixels[k] * 255) : 0;
      picture.data.set([v, v, v, 255], k * 4);
    }
    seen.putImageData(picture, 0, 0);
    const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
    verdict.textContent = probabilities
      ? `It looks like a ${best} (probability ${probabilities[best].toFixed(3)}).`
      : "Draw a digit from 0 to 9 in the black square.";
    bars.forEach((bar, digit) => {
      const p = probabilities ? probabilities[digit] : 0;
      bar.dataset.p = String(p);
      bar.classList.toggle("best", digit === best);
      bar.querySelector(".fill").style.width = `${(100 * p).toFixed(1)}%`;
      bar.querySelector(".p").textContent = p.toFixed(3);
    });
  }

  let input = null; // what the network saw last (for the curious, and for the tests)
  function classify() {
    input = toMnist(pen.getImageData(0, 0, pad.width, pad.height));
    show(input, input && classifyPixels(input));
  }

  // At most one classification per frame, however fast the pointer moves.
  let queued = false;
  function classifySoon() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; classify(); });
  }

  function clear() {
    pen.fillStyle = "black";
    pen.fillRect(0, 0, pad.width, pad.height);
    classify();
  }

  // Drawing with pointer events: the mouse, a pen or a finger alike.
  let last = null;
  const at = (event) => {
    const box = pad.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * pad.width) / box.width, y: ((event.clientY - box.top) * pad.height) / box.height };
  };
  const strokeTo = (point) => {
    pen.beginPath();
    pen.moveTo(last.x, last.y);
    pen.lineTo(point.x, point.y);
    pen.stroke();
    last = point;
  };
  pad.addEventListener("pointerdown", (event) => {
    pad.setPointerCapture(event.pointerId);
    last = at(event);
    strokeTo(last); // a dot for a tap
    classifySoon();
  });
  pad.addEventListener("pointermove", (event) => {
    if (!last) return;
    strokeTo(at(event));
    classifySoon();
  });
  for (const end of ["pointerup", "pointercancel"]) pad.addEventListener(end, () => { last = null; });
  document.getElementById("clear").addEventListener("click", clear);

  pen.strokeStyle = "white";
  pen.lineWidth = pad.width / 14; // about MNIST's stroke once shrunk into 20×20
  pen.lineCap = "round";
  pen.lineJoin = "round";
  clear();

  // For the tests, and for trying the network from the browser's console.
  window.classifyPixels = classifyPixels;
  window.digitInput = () => (input ? Array.from(input) : null);
})();
