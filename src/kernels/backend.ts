/**
 * Which kernels compute the matrix products: the reference JavaScript kernels (`"js"`, the
 * default — every chapter's numbers come from them) or the WebAssembly SIMD kernels (`"wasm"`,
 * opt-in, several times faster on large products, equal to the reference up to rounding).
 * `Matrix.dot`, `Dense` and everything built on them (`Model`, `trainStep`) call the products
 * through here.
 */
import * as reference from "./matmul.js";
import type { ProductKernels } from "./product-kernels.js";
import { bySize, loadWasmKernels } from "./wasm/wasm-kernels.js";

/** The kernel sets {@link setBackend} can switch between. */
export type BackendName = "js" | "wasm";

const BACKENDS: readonly BackendName[] = ["js", "wasm"];

let active: BackendName = "js";
let kernels: ProductKernels = reference;
let wasm: Promise<ProductKernels | string> | undefined;

/** The kernels in use now: `"js"` (the default) or `"wasm"`. */
export function getBackend(): BackendName {
  return active;
}

/**
 * Switches the matrix products to the reference JavaScript kernels (`"js"`) or to the
 * WebAssembly SIMD kernels (`"wasm"`). The switch holds for the whole program (as in
 * TensorFlow.js); results change only by rounding — the fast kernels add the same products in
 * another order.
 *
 * ```ts
 * await setBackend("wasm");   // true: the fast kernels are on
 * model.fit(X, y, { epochs: 10 });
 * await setBackend("js");     // back to the reference kernels
 * ```
 *
 * @returns `true` when the requested kernels are in use; `false` when this runtime cannot run
 *   WebAssembly SIMD — then the reference kernels stay on and one line says so on the console
 * @throws RangeError for a name other than `"js"` or `"wasm"`
 */
export async function setBackend(name: BackendName): Promise<boolean> {
  if (!BACKENDS.includes(name)) {
    throw new RangeError(`setBackend: expected "js" or "wasm", got ${typeof name === "string" ? JSON.stringify(name) : String(name)}`);
  }
  if (name === "js") {
    active = "js";
    kernels = reference;
    return true;
  }
  wasm ??= loadWasmKernels();
  const loaded = await wasm;
  if (typeof loaded === "string") {
    console.warn(`nn-from-scratch: ${loaded}; using the reference JavaScript kernels`);
    active = "js";
    kernels = reference;
    return false;
  }
  active = "wasm";
  kernels = bySize(loaded);
  return true;
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
