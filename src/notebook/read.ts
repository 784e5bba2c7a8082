/**
 * Reading a value that someone else built — a reader's answer, a matrix, a class instance —
 * into a plain snapshot that comparing and printing can walk without surprises.
 *
 * Everything that can run foreign code (getters, `toArray`, Proxy traps) runs here, once, and
 * anything that goes wrong becomes one {@link ReadError} that says where: a getter that throws,
 * a structure that contains itself, a revoked Proxy. After that, comparing and printing the
 * snapshot cannot throw.
 */

/** An object read key by key: its own enumerable string keys, and its class name unless plain. */
export class Rec {
  constructor(
    /** `undefined` for a plain `{}` object, else the constructor's name (e.g. `"Promise"`). */
    readonly className: string | undefined,
    readonly entries: ReadonlyMap<string, unknown>,
  ) {}
}

/** A function found in a value (kept by reference: two functions are equal only if identical). */
export class Fn {
  constructor(
    readonly fn: unknown,
    readonly name: string,
  ) {}
}

/** Thrown by {@link readValue}: the value could not be read, and where. */
export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadError";
  }
}

/** Arrays longer than this are not read: no answer in the course is that big, and a Proxy can claim any length. */
const MAX_ITEMS = 10_000_000;

/** `.weights[1][0]`, `["a key"]`; the empty path is the value itself. */
export function pathText(path: readonly (string | number)[]): string {
  return path
    .map((key) => (typeof key === "number" ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`))
    .join("");
}

/** `Error: message` for anything thrown, without ever throwing itself. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
  } catch {
    // an Error look-alike whose name or message getter throws: fall through
  }
  try {
    return typeof error === "symbol" ? error.toString() : String(error);
  } catch {
    return "a value that cannot be printed";
  }
}

function functionName(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown }).name;
    return typeof name === "string" ? name : "";
  } catch {
    return "";
  }
}

/**
 * A plain snapshot of `value`: arrays stay arrays, typed arrays and anything with `toArray()`
 * (a `Matrix`) become nested arrays, other objects become {@link Rec}s, functions {@link Fn}s,
 * primitives (including symbols and bigints) stay as they are.
 *
 * @throws ReadError if reading throws (the message names the path), or the value contains itself
 */
export function readValue(value: unknown): unknown {
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  const at = () => (path.length === 0 ? "" : `at ${pathText(path)}: `);

  function read(v: unknown): unknown {
    if (typeof v === "function") return new Fn(v, functionName(v));
    if (typeof v !== "object" || v === null) return v;
    if (ancestors.has(v)) throw new ReadError(`${at()}it contains itself (a cycle), so it has no end to compare`);
    ancestors.add(v);
    try {
      return readObject(v);
    } finally {
      ancestors.delete(v);
    }
  }

  function readObject(v: object): unknown {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (Array.isArray(v)) {
      const length = v.length;
      if (!(length <= MAX_ITEMS)) throw new ReadError(`${at()}an array of ${length} items is too long to check`);
      const out = new Array<unknown>(length);
      for (let i = 0; i < length; i++) {
        path.push(i);
        out[i] = read(v[i]);
        path.pop();
      }
      return out;
    }
    const toArray = (v as { toArray?: unknown }).toArray;
    if (typeof toArray === "function") {
      let rows: unknown;
      try {
        rows = toArray.call(v);
      } catch (error) {
        throw new ReadError(`${at()}its toArray() threw ${describeError(error)}`);
      }
      return read(rows);
    }
    const proto: unknown = Object.getPrototypeOf(v);
    const className =
      proto === Object.prototype || proto === null ? undefined : functionName((proto as { constructor?: unknown }).constructor) || "object";
    const entries = new Map<string, unknown>();
    for (const key of Object.keys(v)) {
      path.push(key);
      let item: unknown;
      try {
        item = (v as Record<string, unknown>)[key];
      } catch (error) {
        throw new ReadError(`${at()}reading it threw ${describeError(error)}`);
      }
      entries.set(key, read(item));
      path.pop();
    }
    return new Rec(className, entries);
  }

  try {
    return read(value);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    // a Proxy trap, a stack overflow on a very deep value, …
    throw new ReadError(`${at()}reading it threw ${describeError(error)}`);
  }
}
