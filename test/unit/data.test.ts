import { describe, expect, it } from "vitest";
import { Matrix, Random, sineData, spiralData, verticalData } from "../../src/index.js";

describe("spiralData", () => {
  it("follows the nnfs definition, drawing one normal per sample from the rng", () => {
    const samples = 5;
    const { X, y } = spiralData(samples, 3, new Random(4));
    expect(X).toBeInstanceOf(Matrix);
    expect(X.shape).toEqual([15, 2]);
    expect(y).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    // Rebuild by hand: r = i/4, t = 4c + 4·i/4 + 0.2·noise, point (r·sin 2.5t, r·cos 2.5t).
    const rng = new Random(4);
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < samples; i++) {
        const r = i / (samples - 1);
        const t = 4 * c + i + 0.2 * rng.normal();
        const row = c * samples + i;
        expect(X.get(row, 0)).toBeCloseTo(r * Math.sin(2.5 * t), 14);
        expect(X.get(row, 1)).toBeCloseTo(r * Math.cos(2.5 * t), 14);
      }
    }
  });

  it("every arm starts at the origin and ends on the unit circle", () => {
    const { X } = spiralData(100, 3, new Random(0));
    for (let c = 0; c < 3; c++) {
      expect(X.row(c * 100)).toEqual([0, 0]);
      const [a, b] = X.row(c * 100 + 99);
      expect(Math.hypot(a, b)).toBeCloseTo(1, 14);
    }
  });

  it("same seed → same points; different seeds → different points", () => {
    expect(spiralData(10, 2, new Random(1)).X.toArray()).toEqual(spiralData(10, 2, new Random(1)).X.toArray());
    expect(spiralData(10, 2, new Random(1)).X.toArray()).not.toEqual(spiralData(10, 2, new Random(2)).X.toArray());
  });

  it("one sample per class sits at radius 0", () => {
    expect(spiralData(1, 2, new Random(0)).X.toArray()).toEqual([[0, 0], [0, 0]]);
  });

  it("rejects bad arguments", () => {
    expect(() => spiralData(0, 3, new Random(0))).toThrow("spiralData: expected samplesPerClass to be a whole number ≥ 1, got 0");
    expect(() => spiralData(10, 2.5, new Random(0))).toThrow("spiralData: expected classes to be a whole number ≥ 1, got 2.5");
    expect(() => spiralData(10, 3, undefined as unknown as Random)).toThrow(
      "spiralData: expected a Random generator as the third argument (e.g. new Random(0)), got undefined",
    );
  });
});

describe("verticalData", () => {
  it("class c is around (c/3, 0.5): all x noise first, then all y noise, per class", () => {
    const n = 4;
    const { X, y } = verticalData(n, 2, new Random(6));
    expect(X.shape).toEqual([8, 2]);
    expect(y).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const rng = new Random(6);
    for (let c = 0; c < 2; c++) {
      const xs = Array.from({ length: n }, () => 0.1 * rng.normal() + c / 3);
      const ys = Array.from({ length: n }, () => 0.1 * rng.normal() + 0.5);
      for (let i = 0; i < n; i++) {
        expect(X.get(c * n + i, 0)).toBe(xs[i]);
        expect(X.get(c * n + i, 1)).toBe(ys[i]);
      }
    }
  });

  it("the class centers are close to (c/3, 0.5)", () => {
    const { X } = verticalData(2000, 3, new Random(0));
    for (let c = 0; c < 3; c++) {
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < 2000; i++) {
        sx += X.get(c * 2000 + i, 0);
        sy += X.get(c * 2000 + i, 1);
      }
      // standard error 0.1/√2000 ≈ 0.0022
      expect(Math.abs(sx / 2000 - c / 3)).toBeLessThan(0.01);
      expect(Math.abs(sy / 2000 - 0.5)).toBeLessThan(0.01);
    }
  });

  it("rejects bad arguments", () => {
    expect(() => verticalData(-1, 3, new Random(0))).toThrow("verticalData: expected samplesPerClass to be a whole number ≥ 1, got -1");
  });
});

describe("sineData", () => {
  it("x = i / samples, y = sin(2πx), both samples×1", () => {
    const { X, y } = sineData(4);
    expect(X.toArray()).toEqual([[0], [0.25], [0.5], [0.75]]);
    expect(y.shape).toEqual([4, 1]);
    // sin 0 = 0, sin(π/2) = 1, sin π = 0, sin(3π/2) = −1
    [0, 1, 0, -1].forEach((v, i) => expect(y.get(i, 0)).toBeCloseTo(v, 15));
  });

  it("defaults to 1000 samples, as nnfs", () => {
    const { X, y } = sineData();
    expect(X.shape).toEqual([1000, 1]);
    expect(y.shape).toEqual([1000, 1]);
    expect(X.get(999, 0)).toBe(0.999);
  });

  it("rejects bad arguments", () => {
    expect(() => sineData(0)).toThrow("sineData: expected samples to be a whole number ≥ 1, got 0");
  });
});
