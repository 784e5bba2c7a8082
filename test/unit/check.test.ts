import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check, CheckError, compare, exercise, exerciseStatus, shapeOf, TODO } from "../../src/notebook/index.js";

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
