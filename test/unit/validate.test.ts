/**
 * The internal validation module every core file uses: what its messages say about a value,
 * and the one piece of state it has — the allowance while a numeric gradient nudges an entry.
 */
import { describe as group, expect, it } from "vitest";
import { describe, firstNonFinite, requireOptions, requireProbabilities, whileNudging } from "../../src/internal/validate.js";
import { Matrix } from "../../src/index.js";

group("describe", () => {
  it("says what arrived, briefly", () => {
    expect(describe(null)).toBe("null");
    expect(describe(undefined)).toBe("undefined");
    expect(describe(Number.NaN)).toBe("NaN");
    expect(describe("a")).toBe('"a"');
    expect(describe([[1, 2]])).toBe("an array of length 1");
    expect(describe(Matrix.zeros(2, 3))).toBe("a 2×3 Matrix");
    expect(describe(() => 1)).toBe("a function");
    expect(describe(new Map())).toBe("an object (Map)");
    expect(describe(10n)).toBe("bigint 10");
  });
});

group("firstNonFinite", () => {
  it("finds the first NaN or ±Infinity, or −1", () => {
    expect(firstNonFinite(new Float64Array([1, -2, 1.7e308]))).toBe(-1);
    expect(firstNonFinite(new Float64Array([1, Number.NaN, Infinity]))).toBe(1);
    expect(firstNonFinite(new Float64Array([0, 0, -Infinity]))).toBe(2);
  });
});

group("whileNudging", () => {
  const off = Matrix.from([[0.7 + 1e-5, 0.1, 0.2]]); // sums to 1.00001
  it("allows rows off by h only inside, and restores the allowance even when the callback throws", () => {
    expect(() => requireProbabilities("f", "p", off)).toThrow("f: expected p to be probabilities");
    expect(() => whileNudging(1e-5, () => requireProbabilities("f", "p", off))).not.toThrow();
    expect(() =>
      whileNudging(1e-5, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(() => requireProbabilities("f", "p", off)).toThrow("f: expected p to be probabilities");
  });
});

group("requireOptions", () => {
  it("accepts undefined and known keys; rejects other kinds and unknown keys", () => {
    expect(requireOptions("f", undefined, ["a"], "{ a: 1 }")).toEqual({});
    expect(requireOptions("f", { a: 1 }, ["a"], "{ a: 1 }")).toEqual({ a: 1 });
    expect(() => requireOptions("f", [1], ["a"], "{ a: 1 }")).toThrow(new TypeError("f: expected an options object such as { a: 1 }, got an array of length 1"));
    expect(() => requireOptions("f", { b: 1 }, ["a"], "{ a: 1 }")).toThrow(new RangeError('f: unknown option "b"; the options are a'));
  });
});
