import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Matrix } from "../../src/matrix.js";
import { check, CheckError, compare, exercise, exerciseStatus, formatValue, shapeOf, TODO } from "../../src/notebook/index.js";

let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

describe("compare", () => {
  it("accepts numbers within the tolerance and rejects beyond it", () => {
    expect(compare(0.1 + 0.2, 0.3).ok).toBe(true);
    expect(compare(1.0000001, 1).ok).toBe(false);
    expect(compare(1.0000001, 1, { tolerance: 1e-6 }).ok).toBe(true);
    // relative part: 1e-9 · 1e6 = 1e-3 allowed around a million
    expect(compare(1e6 + 5e-4, 1e6).ok).toBe(true);
    expect(compare(1e6 + 5e-3, 1e6).ok).toBe(false);
  });

  it("says where and by how much values differ", () => {
    expect(compare([1, 4, 10], [1, 4, 9]).reason).toBe("at [2] expected 9, got 10 (off by 1.00, tolerance 1.00e-8)");
    expect(compare([[1, 2], [3, 5]], [[1, 2], [3, 4]]).reason).toMatch(/^at \[1\]\[1\] expected 4, got 5/);
  });

  it("reports shape mismatches with both shapes", () => {
    expect(compare([[1, 2, 3]], [[1], [2], [3]]).reason).toBe("expected shape 3×1, got shape 1×3");
    expect(compare([1, 2], [1, 2, 3]).reason).toBe("expected shape 3, got shape 2");
    expect(compare(5, [5]).reason).toBe("expected an array of shape 1, got a number 5");
    expect(compare("5", 5).reason).toBe('expected a number, got a string "5"');
  });

  it("compares matrix-like objects and typed arrays through their values", () => {
    const matrixLike = { toArray: () => [[1, 2], [3, 4]] };
    expect(compare(matrixLike, [[1, 2], [3, 4]]).ok).toBe(true);
    expect(compare(new Float64Array([0.5, 0.25]), [0.5, 0.25]).ok).toBe(true);
    expect(shapeOf(matrixLike)).toBe("2×2");
  });

  it("treats NaN as equal only to NaN, and compares strings and booleans exactly", () => {
    expect(compare(NaN, NaN).ok).toBe(true);
    expect(compare(NaN, 0).ok).toBe(false);
    expect(compare(Infinity, Infinity).ok).toBe(true);
    expect(compare("relu", "relu").ok).toBe(true);
    expect(compare(true, false).reason).toBe("expected false, got true");
  });
});

describe("check", () => {
  it("prints a pass line with the full-precision value", () => {
    check("sum", 0.1 + 0.2, 0.3);
    expect(lines).toEqual(["✓ sum: 0.30000000000000004"]);
  });

  it("throws a CheckError saying what differs, and prints nothing", () => {
    expect(() => check("squares", [1, 4, 10], [1, 4, 9])).toThrow(CheckError);
    expect(() => check("squares", [1, 4, 10], [1, 4, 9])).toThrow(
      "✗ squares: at [2] expected 9, got 10 (off by 1.00, tolerance 1.00e-8)",
    );
    expect(lines).toEqual([]);
  });
});

describe("exercise", () => {
  it("says 'not solved yet' while the answer is TODO, and never throws", () => {
    const answer: number = TODO;
    expect(() => exercise("Exercise 1", answer, 4.8)).not.toThrow();
    exercise("Exercise 2", () => TODO, 1);
    exercise("Exercise 3", [1, TODO], [1, 2]);
    expect(lines.map((l) => l.split(" — ")[0])).toEqual([
      "○ Exercise 1: not solved yet",
      "○ Exercise 2: not solved yet",
      "○ Exercise 3: not solved yet",
    ]);
  });

  it("says 'correct' for a right answer, value or function", () => {
    exercise("Exercise 1", 1 * 0.2 + 2 * 0.8 + 3 * -0.5 + 2.5 * 1.0 + 2, 4.8);
    exercise("Exercise 2", () => [1, 2, 3].map((x) => x * 0.5), [0.5, 1, 1.5]);
    expect(lines).toEqual(["✓ Exercise 1: correct — 4.8", "✓ Exercise 2: correct — [0.5, 1, 1.5]"]);
  });

  it("says 'not quite' with what differs, or what the code threw, without stopping", () => {
    exercise("Exercise 1", 4.7, 4.8);
    exercise("Exercise 2", () => {
      throw new RangeError("bad input");
    }, 1);
    expect(lines[0]).toMatch(/^✗ Exercise 1: not quite: expected 4.8, got 4.7 \(off by 0.100/);
    expect(lines[1]).toBe("✗ Exercise 2: not quite: your code threw RangeError: bad input");
  });

  it("gives the same verdict as a value", () => {
    expect(exerciseStatus(TODO, 1).status).toBe("not solved yet");
    expect(exerciseStatus(1, 1)).toEqual({ status: "correct", detail: "1" });
    expect(exerciseStatus(2, 1).status).toBe("not quite");
  });
});

describe("numbers that are not finite", () => {
  it("matches an infinity only with the same infinity, whatever the tolerance", () => {
    // Infinity − 0 = Infinity ≤ 1e-9 · Infinity: a tolerance scaled by |expected| must not reach across
    expect(() => check("c", 0, Infinity)).toThrow("✗ c: expected Infinity, got 0");
    expect(() => check("c", -Infinity, Infinity)).toThrow("✗ c: expected Infinity, got -Infinity");
    expect(() => check("c", 1e308, Infinity, { tolerance: 1e300 })).toThrow(CheckError);
    expect(() => check("c", Infinity, 1)).toThrow("✗ c: expected 1, got Infinity");
    expect(compare([1, -Infinity], [1, -Infinity]).ok).toBe(true);
    expect(compare([1, Infinity], [1, -Infinity]).reason).toBe("at [1] expected -Infinity, got Infinity");
    check("c", Infinity, Infinity);
    expect(lines).toEqual(["✓ c: Infinity"]);
  });

  it("matches NaN only with NaN, and says so without an 'off by NaN'", () => {
    expect(compare(NaN, 0.5).reason).toBe("expected 0.5, got NaN");
    expect(compare(0.5, NaN).reason).toBe("expected NaN, got 0.5");
    expect(compare([[NaN]], [[NaN]]).ok).toBe(true);
    exercise("Exercise 1", NaN, 0.5);
    expect(lines).toEqual(["✗ Exercise 1: not quite: expected 0.5, got NaN"]);
  });
});

describe("objects, nested arrays and matrices", () => {
  it("compares plain objects key by key and names the path of the first difference", () => {
    const expected = { weights: [[0.2, 0.8], [0.5, -0.5]], bias: 2 };
    expect(compare({ weights: [[0.2, 0.8], [0.5, -0.5]], bias: 2 }, expected).ok).toBe(true);
    expect(compare({ bias: 2, weights: [[0.2, 0.8], [0.4, -0.5]] }, expected).reason).toBe(
      "at .weights[1][0] expected 0.5, got 0.4 (off by 0.100, tolerance 1.50e-9)",
    );
    expect(compare({ weights: expected.weights }, expected).reason).toBe('at .bias expected 2, got nothing (no key "bias")');
    expect(compare({ ...expected, extra: 1 }, expected).reason).toBe("at .extra expected no such key, got 1");
    expect(compare([1, 2], expected).reason).toBe("expected an object { weights: [[0.2, 0.8], [0.5, -0.5]], bias: 2 }, got an array [1, 2]");
    expect(compare({ "two words": 1 }, { "two words": 2 }).reason).toMatch(/^at \["two words"\] expected 2, got 1/);
    // the old message was "expected [object Object], got [object Object]"
    expect(() => check("layer", { w: [1] }, { w: [2] })).toThrow(/^✗ layer: at \.w\[0\] expected 2, got 1/);
  });

  it("tells ragged arrays from rectangular ones and names where lengths differ", () => {
    expect(shapeOf([[1, 2], [3]])).toBe("2×(2, 1) ragged");
    expect(shapeOf([[1, 2], [3, 4], [5, 6]])).toBe("3×2");
    expect(compare([[1, 2], [3]], [[1, 2]]).reason).toBe("expected shape 1×2, got shape 2×(2, 1) ragged");
    expect(compare([[1, 2], [3]], [[1, 2], [3, 4]]).reason).toBe("at [1] expected 2 items, got 1");
    expect(compare([[1, 2], [3, 4]], [[1, 2], [3]]).reason).toBe("at [1] expected 1 item, got 2");
    expect(compare([[1], 2], [[1], [2]]).reason).toBe("at [1] expected an array of shape 1, got a number 2");
  });

  it("compares a Matrix with nested arrays either way round", () => {
    const m = Matrix.from([[1, 2], [3, 4]]);
    check("matrix", m, [[1, 2], [3, 4]]);
    expect(lines).toEqual(["✓ matrix: [[1, 2], [3, 4]]"]);
    expect(compare([[1, 2], [3, 5]], m).reason).toBe("at [1][1] expected 4, got 5 (off by 1.00, tolerance 5.00e-9)");
    expect(compare([1, 2], Matrix.from([[1, 2]])).reason).toBe("expected shape 1×2, got shape 2");
    expect(compare({ W: m }, { W: [[1, 2], [3, 4]] }).ok).toBe(true);
  });
});

describe("bad options", () => {
  it("check throws a TypeError or RangeError that names the option", () => {
    expect(() => check("c", 1, 1, { tolerance: "5" } as never)).toThrow(TypeError);
    expect(() => check("c", 1, 1, { tolerance: "5" } as never)).toThrow('check: options.tolerance must be a number ≥ 0, got a string "5"');
    expect(() => check("c", 1, 1, { tolerance: -1 })).toThrow(RangeError);
    expect(() => check("c", 1, 1, { relativeTolerance: NaN })).toThrow("check: options.relativeTolerance must be a finite number ≥ 0, got NaN");
    expect(() => check("c", 1, 1, { tolerance: Infinity })).toThrow(RangeError);
    expect(() => check("c", 1, 1, { tol: 0.1 } as never)).toThrow('check: unknown option "tol" (the options are tolerance and relativeTolerance)');
    expect(() => check("c", 1, 1, 0.1 as never)).toThrow("check: options must be an object like { tolerance: 1e-6 }, got 0.1");
    expect(() => check("c", 1, 1, null as never)).toThrow(TypeError);
    expect(() => compare(1, 1, { tolerance: -1 })).toThrow("compare: options.tolerance must be a finite number ≥ 0, got -1");
    check("c", 1.05, 1, { tolerance: 0.1, relativeTolerance: 0 });
    expect(lines).toEqual(["✓ c: 1.05"]);
  });

  it("exercise prints them and never throws", () => {
    expect(() => exercise("Exercise 1", 1, 1, { tolerance: "5" } as never)).not.toThrow();
    exercise("Exercise 2", TODO, 1, { tol: 1 } as never);
    expect(lines).toEqual([
      'Exercise 1: cannot check this exercise: exercise: options.tolerance must be a number ≥ 0, got a string "5"',
      'Exercise 2: cannot check this exercise: exercise: unknown option "tol" (the options are tolerance and relativeTolerance)',
    ].map((l) => `✗ ${l}`));
    expect(exerciseStatus(1, 1, { tolerance: -1 }).status).toBe("cannot check");
  });
});

describe("exercise never stops the notebook, whatever the answer", () => {
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  const revoked = Proxy.revocable([1], {});
  revoked.revoke();
  const hostile: Array<[string, unknown, unknown, string]> = [
    ["a cyclic array", cyclic, [1, [1]], "could not read your answer: at [1]: it contains itself (a cycle), so it has no end to compare"],
    ["a toArray that throws", { toArray: () => { throw new Error("nope"); } }, [1], "could not read your answer: its toArray() threw Error: nope"],
    ["a getter that throws", { get w(): number { throw new RangeError("getter"); } }, { w: 1 }, "could not read your answer: at .w: reading it threw RangeError: getter"],
    ["a Proxy that throws on access", new Proxy({}, { get() { throw new Error("trap"); } }), 1, "could not read your answer: reading it threw Error: trap"],
    ["a revoked Proxy", revoked.proxy, [1], "could not read your answer: reading it threw TypeError: Cannot perform 'IsArray' on a proxy that has been revoked"],
    ["a symbol", Symbol("s"), 1, "expected a number, got a symbol Symbol(s)"],
    ["a BigInt", 5n, 5, "expected a number, got a bigint 5n"],
    ["a function inside an array", [Math.max], [1], "at [0] expected a number, got a function [function max]"],
    ["a Promise", Promise.resolve(1), 1, "expected a number, got a Promise (await it first)"],
    ["an object without a prototype", Object.create(null), 1, "expected a number, got an object {}"],
    ["a function that throws a non-Error", () => { throw Object.create(null); }, 1, "your code threw a value that cannot be printed"],
  ];
  it.each(hostile)("%s", (_name, answer, expected, detail) => {
    expect(() => exercise("Exercise 1", answer, expected)).not.toThrow();
    expect(lines).toEqual([`✗ Exercise 1: not quite: ${detail}`]);
  });

  it("finds TODO inside objects too", () => {
    exercise("Exercise 1", { w: [1, TODO] }, { w: [1, 2] });
    expect(lines[0]).toMatch(/^○ Exercise 1: not solved yet/);
  });

  it("prints values it cannot read without throwing", () => {
    expect(formatValue(cyclic)).toBe("(a value that could not be read: at [1]: it contains itself (a cycle), so it has no end to compare)");
    expect(() => check("c", cyclic, [1])).toThrow("✗ c: could not read the value: at [1]: it contains itself (a cycle)");
  });
});
