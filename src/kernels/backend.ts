/**
 * Which kernels compute the matrix products: the reference JavaScript kernels (`"js"`, the
 * default — every chapter's numbers come from them) or the WebAssembly SIMD kernels (`"wasm"`,
 * opt-in, several times faster on large products, equal to the reference up to rounding).
 * `Matrix.dot`, `Dense` and everything built on them (`Model`, `trainStep`) call the products
 * through here.
 */
import * as reference from "./matmul.js";
import type { ProductKernels } from "./product-kernels.js";
import { bySize, loadWasmKernels, type AdamStep, type WasmKernels } from "./wasm/wasm-kernels.js";

/** The kernel sets {@link setBackend} can switch between. */
export type BackendName = "js" | "wasm";

/** Options of {@link setBackend}. */
export interface BackendOptions {
  /**
   * Threads computing each large product with `"wasm"` (default 1). More than 1 needs Node.js
   * (worker threads on a shared memory); elsewhere the kernels run on one thread, with a notice.
   * The results are the same for any number of threads.
   */
  threads?: number;
}

/** What {@link getBackendInfo} reports. */
export interface BackendInfo {
  /** The kernels in use. */
  backend: BackendName;
  /** Threads computing each large product (always 1 for `"js"`). */
  threads: number;
}

let active: BackendName = "js";
let kernels: ProductKernels = reference;
let fast: WasmKernels | undefined;
/** The loads started so far, by thread count: a module is compiled once per count. */
const loads = new Map<number, Promise<WasmKernels | string>>();

/** The kernels in use now: `"js"` (the default) or `"wasm"`. */
export function getBackend(): BackendName {
  return active;
}

/** The kernels in use now and how many threads they compute with. */
export function getBackendInfo(): BackendInfo {
  return { backend: active, threads: active === "wasm" && fast ? fast.threads : 1 };
}

/**
 * Switches the matrix products to the reference JavaScript kernels (`"js"`) or to the
 * WebAssembly SIMD kernels (`"wasm"`). The switch holds for the whole program (as in
 * TensorFlow.js); results change only by rounding — the fast kernels add the same products in
 * another order.
 *
 * ```ts
 * await setBackend("wasm");                  // true: the fast kernels are on
 * model.fit(X, y, { epochs: 10 });
 * await setBackend("wasm", { threads: 2 });  // Node: both cores on each large product
 * await setBackend("js");                    // back to the reference kernels
 * ```
 *
 * @returns `true` when the requested kernels are in use; `false` when this runtime cannot run
 *   WebAssembly SIMD — then the reference kernels stay on and one line says so on the console
 * @throws RangeError for a name other than `"js"` or `"wasm"`, or `threads` not a whole number ≥ 1
 */
export async function setBackend(name: BackendName, options: BackendOptions = {}): Promise<boolean> {
  if (name !== "js" && name !== "wasm") {
    throw new RangeError(`setBackend: expected "js" or "wasm", got ${typeof name === "string" ? JSON.stringify(name) : String(name)}`);
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`setBackend: expected options to be an object such as { threads: 2 }, got ${String(options)}`);
  }
  const unknown = Object.keys(options).filter((key) => key !== "threads");
  if (unknown.length > 0) throw new RangeError(`setBackend: unknown option ${JSON.stringify(unknown[0])}; the option is threads`);
  const { threads = 1 } = options;
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new RangeError(`setBackend: expected options.threads to be a whole number from 1 to 64, got ${String(threads)}`);
  }
  if (name === "js") {
    use("js", undefined);
    return true;
  }
  let loaded = await load(threads);
  if (typeof loaded === "string" && threads > 1) {
    console.warn(`nn-from-scratch: ${loaded}; the WebAssembly kernels run on one thread`);
    loaded = await load(1);
  }
  if (typeof loaded === "string") {
    console.warn(`nn-from-scratch: ${loaded}; using the reference JavaScript kernels`);
    use("js", undefined);
    return false;
  }
  use("wasm", loaded);
  return true;
}

function load(threads: number): Promise<WasmKernels | string> {
  let loading = loads.get(threads);
  if (!loading) {
    loading = loadWasmKernels(threads);
    loads.set(threads, loading);
  }
  return loading;
}

/** Makes `set` the kernels in use; helper threads of a set no longer in use are ended. */
function use(name: BackendName, set: WasmKernels | undefined): void {
  if (fast && fast !== set && fast.threads > 1) {
    fast.dispose();
    loads.delete(fast.threads);
  }
  active = name;
  fast = set;
  kernels = set ? bySize(set) : reference;
}

/** `out = a · b` for `a` n×k and `b` k×m, with the kernels in use. */
export function matmul(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  kernels.matmul(a, b, out, n, k, m);
}

/** `out = aᵀ · b` for `a` stored k×n and `b` k×m, with the kernels in use. */
export function matmulTransposeA(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  kernels.matmulTransposeA(a, b, out, n, k, m);
}

/** `out = a · bᵀ` for `a` n×k and `b` stored m×k, with the kernels in use. */
export function matmulTransposeB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  kernels.matmulTransposeB(a, b, out, n, k, m);
}

/**
 * A zero-filled array for an optimizer's state: in the fast kernels' memory when they are on (so
 * {@link adamUpdate} can update it where it is), an ordinary `Float64Array` otherwise.
 */
export function stateArray(length: number): Float64Array {
  return (active === "wasm" ? fast?.stateArray(length) : undefined) ?? new Float64Array(length);
}

/**
 * Adam's update with the fast kernels, bit for bit the reference loop's.
 * @returns false, doing nothing, when the fast kernels are off or `m` and `v` are not theirs
 */
export function adamUpdate(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: AdamStep): boolean {
  return active === "wasm" && fast !== undefined && fast.adamUpdate(w, g, m, v, step);
}
