/**
 * The fast matrix-product kernels: the WebAssembly SIMD module compiled from `assembly/matmul.ts`,
 * behind the same three functions as the reference kernels in `../matmul.ts`. Each call copies its
 * two matrices into the module's memory, runs the blocked SIMD product there and copies the result
 * out. The copies cost a pass over the data; the product costs k passes, so products too small to
 * pay for their copies go to the reference kernels instead (see {@link worthWasm}).
 *
 * With threads (Node only), helper threads share the module's memory and each computes a slice of
 * C's rows. Every entry of C is summed in the same order whatever the slicing, so the results do
 * not depend on the number of threads.
 */
import * as reference from "../matmul.js";
import type { ProductKernels } from "../product-kernels.js";
import { WASM_KERNELS_BASE64, WASM_SHARED_KERNELS_BASE64 } from "./module-bytes.generated.js";
import { startHelpers, type HelperPool } from "./threads.js";

/** The part of the WebAssembly API used here (the core compiles without the DOM's types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<unknown>;
  instantiate(module: unknown, imports: object): Promise<{ exports: unknown }>;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}
const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** What the module exports (assembly/index.ts). Addresses are byte offsets into its memory. */
interface KernelExports {
  heapBase(): number;
  gemm(
    a: number, aRow: number, aCol: number,
    b: number, bRow: number, bCol: number,
    c: number, n: number, k: number, m: number,
    pack: number,
  ): void;
}

/** The fast kernels, with what they run on. */
export interface WasmKernels extends ProductKernels {
  /** Threads computing each large product (1: the calling thread alone). */
  readonly threads: number;
  /** Ends the helper threads, if any. */
  dispose(): void;
}

/** p-steps per block in assembly/matmul.ts (KC): the packing scratch holds KC × roundUp(m, 4) numbers. */
const KC = 256;
const PAGE = 65536;
/** A plain memory's first size in pages (64 MiB). */
const PLAIN_INITIAL_PAGES = 1024;
/** The shared memory's limit in pages (2 GiB), as compiled (`--maximumMemory`). */
const SHARED_MAX_PAGES = 32768;
/** Below this many multiply-adds a product is not split between threads: waking one costs more. */
const SPLIT_WORK = 1 << 19;

/** The module's bytes, decoded from the base64 the build embedded. */
export function wasmKernelBytes(shared = false): Uint8Array {
  const text = atob(shared ? WASM_SHARED_KERNELS_BASE64 : WASM_KERNELS_BASE64);
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
 *
 * Its memory is shared wherever the runtime allows (Node; pages with cross-origin isolation),
 * even on one thread: growing a plain memory *detaches* its old buffer, and the first detached
 * buffer in a program makes V8 check for detachment in every optimized typed-array loop from then
 * on — the reference kernels ran 25 % slower after one growth. A shared memory grows in place.
 * Elsewhere the plain memory starts at 64 MiB (reserved, not used, until needed) so that it
 * seldom has to grow.
 *
 * @param threads - threads per product; above 1 needs Node's worker_threads and shared memory
 * @returns the kernels — every product in WebAssembly, whatever its size — or the reason this
 *   runtime cannot run them (no WebAssembly, no SIMD, or, for threads, no workers)
 */
export async function loadWasmKernels(threads = 1): Promise<WasmKernels | string> {
  const api = wasmApi();
  if (typeof api !== "object" || typeof api.instantiate !== "function") return "this runtime has no WebAssembly";
  // A runtime without SIMD rejects the module's vector instructions at validation.
  const plainBytes = wasmKernelBytes(false);
  if (!api.validate(plainBytes)) return "this runtime's WebAssembly has no SIMD";
  const sharedMemory = createSharedMemory(api);
  if (sharedMemory === undefined && threads > 1) return "threads need a shared WebAssembly memory, which this runtime does not offer";
  const memory = sharedMemory ?? new api.Memory({ initial: PLAIN_INITIAL_PAGES });
  const module = await api.compile(sharedMemory ? wasmKernelBytes(true) : plainBytes);
  const instance = await api.instantiate(module, { env: { memory } });
  let pool: HelperPool | undefined;
  if (threads > 1) {
    const started = startHelpers(module, memory, threads - 1);
    if (typeof started === "string") return started;
    pool = started;
  }
  return wasmProductKernels(memory, instance.exports as KernelExports, pool);
}

/** A shared memory, or undefined where there is none (no SharedArrayBuffer, or the module does not validate). */
function createSharedMemory(api: WasmApi): WasmMemory | undefined {
  if (typeof SharedArrayBuffer !== "function" || !api.validate(wasmKernelBytes(true))) return undefined;
  try {
    return new api.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  } catch {
    return undefined; // e.g. a page without cross-origin isolation
  }
}

function wasmProductKernels(memory: WasmMemory, exports: KernelExports, helpers: HelperPool | undefined): WasmKernels {
  const { gemm } = exports;
  const base = exports.heapBase();
  const threads = 1 + (helpers?.size ?? 0);
  let heap = new Float64Array(memory.buffer);

  /** Grows the memory to hold `bytes` past the heap base; a grown memory has a new buffer. */
  function reserve(bytes: number): void {
    const need = base + bytes;
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
    if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  }

  /**
   * out (n×m) = A·B where A(i, p) = a[i·aRow + p·aCol] and B(p, j) = b[p·bRow + j·bCol].
   * Memory from the heap base: a, b, c, then one packing scratch per thread, each 16-byte aligned.
   */
  function product(a: Float64Array, aRow: number, aCol: number, b: Float64Array, bRow: number, bCol: number, out: Float64Array, n: number, k: number, m: number): void {
    const aAt = base;
    const bAt = aAt + align16(a.length * 8);
    const cAt = bAt + align16(b.length * 8);
    const packAt = cAt + align16(n * m * 8);
    const packBytes = KC * Math.ceil(m / 4) * 4 * 8;
    const parts = helpers && n >= 8 && n * k * m >= SPLIT_WORK ? Math.min(threads, n >> 2) : 1;
    reserve(packAt - base + parts * packBytes);
    heap.set(a, aAt / 8);
    heap.set(b, bAt / 8);
    // Rows in slices of a multiple of 4 (the micro-kernel's height); the caller's thread takes the first.
    const slice = Math.ceil(n / parts / 4) * 4;
    for (let t = 1; t < parts; t++) {
      const i0 = t * slice;
      const rows = Math.min(slice, n - i0);
      if (rows <= 0) break;
      helpers!.start(t - 1, [aAt + i0 * aRow * 8, aRow, aCol, bAt, bRow, bCol, cAt + i0 * m * 8, rows, k, m, packAt + t * packBytes]);
    }
    try {
      gemm(aAt, aRow, aCol, bAt, bRow, bCol, cAt, Math.min(slice, n), k, m, packAt);
    } finally {
      if (parts > 1) helpers!.finish();
    }
    out.set(heap.subarray(cAt / 8, cAt / 8 + n * m));
  }

  return {
    threads,
    dispose: () => helpers?.stop(),
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
