/**
 * The fast matrix-product kernels: the WebAssembly SIMD module compiled from `assembly/matmul.ts`,
 * behind the same three functions as the reference kernels in `../matmul.ts`. Each call copies its
 * two matrices into the module's memory, runs the blocked SIMD product there and copies the result
 * out. The copies cost a pass over the data; the product costs k passes, so products too small to
 * pay for their copies go to the reference kernels instead (see {@link worthWasm}).
 */
import * as reference from "../matmul.js";
import type { ProductKernels } from "../product-kernels.js";
import { WASM_KERNELS_BASE64 } from "./module-bytes.generated.js";

/** The part of the WebAssembly API used here (the core compiles without the DOM's types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}
const WebAssembly = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** What the module exports (assembly/index.ts). Addresses are byte offsets into `memory`. */
interface KernelExports {
  memory: WasmMemory;
  heapBase(): number;
  gemm(
    a: number, aRow: number, aCol: number,
    b: number, bRow: number, bCol: number,
    c: number, n: number, k: number, m: number,
    bias: number, pack: number,
  ): void;
}

/** p-steps per block in assembly/matmul.ts (KC): the packing scratch holds KC × roundUp(m, 4) numbers. */
const KC = 256;
const PAGE = 65536;

/** The module's bytes, decoded from the base64 the build embedded. */
export function wasmKernelBytes(): Uint8Array {
  const text = atob(WASM_KERNELS_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Whether an `n×k · k×m` product is worth the trip: it does n·k·m multiply-adds and copies
 * n·k + k·m + n·m numbers. Below about 24 multiply-adds per copied number the copies eat the
 * gain (a 300×64 · 64×3 product of the spiral does 3 per number), and the reference kernel,
 * with no copies, wins.
 */
export function worthWasm(n: number, k: number, m: number): boolean {
  return n * k * m >= 24 * (n * k + k * m + n * m);
}

/**
 * Compiles and instantiates the module.
 * @returns the kernels — every product in WebAssembly, whatever its size — or the reason this runtime cannot run them (no WebAssembly, or no SIMD)
 */
export async function loadWasmKernels(): Promise<ProductKernels | string> {
  if (typeof WebAssembly !== "object" || typeof WebAssembly?.instantiate !== "function") return "this runtime has no WebAssembly";
  const bytes = wasmKernelBytes();
  // A runtime without SIMD rejects the module's vector instructions at validation.
  if (!WebAssembly.validate(bytes)) return "this runtime's WebAssembly has no SIMD";
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { abort: () => { throw new Error("nn-from-scratch: the WebAssembly kernels aborted"); } },
  });
  return wasmProductKernels(instance.exports as unknown as KernelExports);
}

function wasmProductKernels(exports: KernelExports): ProductKernels {
  const { memory, gemm } = exports;
  const base = exports.heapBase();
  let heap = new Float64Array(memory.buffer);

  /** Grows the memory to hold `bytes` past the heap base; a grown memory has a new buffer. */
  function reserve(bytes: number): void {
    const need = base + bytes;
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
    if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  }

  /**
   * out (n×m) = A·B where A(i, p) = a[i·aRow + p·aCol] and B(p, j) = b[p·bRow + j·bCol].
   * Memory from the heap base: a, b, c, then the packing scratch, each 16-byte aligned.
   */
  function product(a: Float64Array, aRow: number, aCol: number, b: Float64Array, bRow: number, bCol: number, out: Float64Array, n: number, k: number, m: number): void {
    const aAt = base;
    const bAt = aAt + align16(a.length * 8);
    const cAt = bAt + align16(b.length * 8);
    const packAt = cAt + align16(n * m * 8);
    reserve(packAt - base + KC * Math.ceil(m / 4) * 4 * 8);
    heap.set(a, aAt / 8);
    heap.set(b, bAt / 8);
    gemm(aAt, aRow, aCol, bAt, bRow, bCol, cAt, n, k, m, 0, packAt);
    out.set(heap.subarray(cAt / 8, cAt / 8 + n * m));
  }

  return {
    matmul(a, b, out, n, k, m) {
      product(a, k, 1, b, m, 1, out, n, k, m);
    },
    matmulTransposeA(a, b, out, n, k, m) {
      product(a, 1, n, b, m, 1, out, n, k, m); // a is stored k×n: A(i, p) = a[p·n + i]
    },
    matmulTransposeB(a, b, out, n, k, m) {
      product(a, k, 1, b, 1, k, out, n, k, m); // b is stored m×k: B(p, j) = b[j·k + p]
    },
  };
}

/**
 * The fast set as the backend uses it: each product goes to WebAssembly when it is
 * {@link worthWasm}, to the reference kernel otherwise.
 */
export function bySize(fast: ProductKernels): ProductKernels {
  return {
    matmul: (a, b, out, n, k, m) => (worthWasm(n, k, m) ? fast : reference).matmul(a, b, out, n, k, m),
    matmulTransposeA: (a, b, out, n, k, m) => (worthWasm(n, k, m) ? fast : reference).matmulTransposeA(a, b, out, n, k, m),
    matmulTransposeB: (a, b, out, n, k, m) => (worthWasm(n, k, m) ? fast : reference).matmulTransposeB(a, b, out, n, k, m),
  };
}

function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}
