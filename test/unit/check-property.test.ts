/**
 * Properties of `check` and `exercise` over generated values: `exercise` never throws whatever
 * the answer (hostile objects included), and every number or nested array of numbers checks
 * equal to itself — NaN and the infinities included.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check, compare, exercise, exerciseStatus } from "../../src/notebook/index.js";

let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

/**
 * Makers of objects that throw when read in one way or another. fast-check gets the maker,
 * not the object (it inspects the values it generates, and would trip over them itself).
 */
function hostileValues(): fc.Arbitrary<() => unknown> {
  const throwing = () => {
    throw new Error("hostile");
  };
  const cyclicArray = () => {
    const a: unknown[] = [1];
    a.push(a);
    return a;
  };
  const cyclicObject = () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = { back: o };
    return o;
  };
  const revoked = () => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    return r.proxy;
  };
  const deep = () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    return v;
  };
  return fc.constantFrom<() => unknown>(
    () => ({ get x() { return throwing(); } }),
    () => ({ toArray: throwing }),
    () => ({ toArray: () => cyclicArray() }),
    cyclicArray,
    cyclicObject,
    revoked,
    deep,
    () => new Proxy({}, { get: throwing, ownKeys: throwing, getPrototypeOf: throwing }),
    () => new Proxy([1, 2], { get: throwing }),
    () => Object.create(null),
    () => Symbol("s"),
    () => 12345678901234567890n,
    () => throwing, // called as the answer: "your code threw"
    () => [() => 1, Symbol.iterator],
    () => Object.assign(Object.create({ toString: throwing }), { a: 1 }),
  );
}

const anything = fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true });
const answers = fc.oneof(anything.map((v) => () => v), hostileValues());

describe("exercise", () => {
  it("never throws and always prints one verdict line, whatever the answer and the expected value", () => {
    fc.assert(
      fc.property(answers, fc.oneof(fc.double(), fc.array(fc.double()), fc.anything()), (makeAnswer, expected) => {
        lines.length = 0;
        exercise("Exercise 1", makeAnswer(), expected);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^(✓ Exercise 1: correct — |✗ Exercise 1: not quite: |○ Exercise 1: not solved yet — )/);
      }),
      { numRuns: 300 },
    );
  });

  it("gives a verdict for hostile answers as a value too", () => {
    fc.assert(
      fc.property(hostileValues(), (makeAnswer) => {
        expect(exerciseStatus(makeAnswer(), [1, 2]).status).toBe("not quite");
      }),
    );
  });
});

/** Numbers of every kind: finite, ±0, NaN, ±Infinity, the largest and the smallest. */
const anyNumber = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE));
const nested = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, anyNumber, fc.array(tie("value"), { maxLength: 5 })),
})).value;

describe("check", () => {
  it("passes for any number or nested array of numbers against an equal copy of itself", () => {
    fc.assert(
      fc.property(nested, (x) => {
        const copy = structuredClone(x);
        expect(compare(x, copy)).toEqual({ ok: true, reason: "" });
        lines.length = 0;
        check("x", x, copy);
        expect(lines).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it("fails whenever one number is swapped for a different one", () => {
    fc.assert(
      fc.property(fc.array(anyNumber, { minLength: 1, maxLength: 6 }), fc.nat(), anyNumber, (xs, at, other) => {
        const i = at % xs.length;
        const changed = [...xs];
        changed[i] = other;
        const same = Object.is(xs[i], other) || (xs[i] === other) || (Number.isNaN(xs[i]) && Number.isNaN(other)) ||
          (Number.isFinite(xs[i]) && Number.isFinite(other) && Math.abs(xs[i] - other) <= 1e-9 + 1e-9 * Math.abs(xs[i]));
        expect(compare(changed, xs).ok).toBe(same);
      }),
      { numRuns: 500 },
    );
  });
});
