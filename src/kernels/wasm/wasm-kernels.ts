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
import { Job, startHelpers, type HelperPool } from "./threads.js";

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
  adamUpdate(
    w: number, g: number, m: number, v: number, count: number,
    lr: number, c1: number, c2: number, beta1: number, beta2: number, keep1: number, keep2: number, epsilon: number,
  ): void;
}

/** Adam's constants for one step, as `src/optimizers/adam.ts` computes them. */
export interface AdamStep {
  learningRate: number;
  correction1: number;
  correction2: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The fast kernels, with what they run on. */
export interface WasmKernels extends ProductKernels {
  /** Threads computing each large product (1: the calling thread alone). */
  readonly threads: number;
  /** Ends the helper threads, if any. */
  dispose(): void;
  /**
   * A zero-filled array that lives in the module's memory for as long as it is referenced —
   * an optimizer's state, which {@link WasmKernels.adamUpdate} then updates without copying it.
   * Undefined where the memory is not shared (a plain memory's growth would detach the array).
   */
  stateArray(length: number): Float64Array | undefined;
  /**
   * Adam's update of `w` (with gradient `g`) in WebAssembly, bit for bit the reference's.
   * @returns false, doing nothing, unless `m` and `v` came from {@link WasmKernels.stateArray} and
   *   there are enough weights (1024) to pay for the call
   */
  adamUpdate(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: AdamStep): boolean;
}

/** p-steps per block in assembly/matmul.ts (KC): the packing scratch holds KC × roundUp(m, 4) numbers. */
const KC = 256;
const PAGE = 65536;
/** A plain memory's first size in pages (64 MiB). */
const PLAIN_INITIAL_PAGES = 1024;
/** The shared memory's limit in pages (2 GiB), as compiled (`--maximumMemory`). */
const SHARED_MAX_PAGES = 32768;
/** Below this many weights Adam's update stays in JavaScript (a spiral layer's 192, say). */
const ADAM_MIN_WEIGHTS = 1024;
/** Below this many weights Adam's update is not split between threads. */
const SPLIT_WEIGHTS = 1 << 14;
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
  const { gemm, adamUpdate } = exports;
  const threads = 1 + (helpers?.size ?? 0);
  const shared = typeof SharedArrayBuffer === "function" && memory.buffer instanceof SharedArrayBuffer;
  let heap = new Float64Array(memory.buffer);
  // Memory from the heap base: long-lived state arrays (stateArray), then the scratch space each
  // call copies its matrices into, from `base` up. A new state array takes the scratch space's
  // start and moves `base` past it — the scratch holds nothing between calls.
  let base = exports.heapBase();
  const freed: { at: number; bytes: number }[] = [];
  const resident = new WeakMap<Float64Array, number>();
  const release = new FinalizationRegistry<{ at: number; bytes: number }>((block) => freed.push(block));

  /** Grows the memory to hold `bytes` past the scratch base; a grown memory has a new buffer. */
  function reserve(bytes: number): void {
    const need = base + bytes;
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
    if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  }

  /**
   * out (n×m) = A·B where A(i, p) = a[i·aRow + p·aCol] and B(p, j) = b[p·bRow + j·bCol].
   * Scratch memory from `base`: a, b, c, then one packing scratch per thread, each 16-byte aligned.
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
      helpers!.start(t - 1, Job.Gemm, [aAt + i0 * aRow * 8, aRow, aCol, bAt, bRow, bCol, cAt + i0 * m * 8, rows, k, m, packAt + t * packBytes]);
    }
    try {
      gemm(aAt, aRow, aCol, bAt, bRow, bCol, cAt, Math.min(slice, n), k, m, packAt);
    } finally {
      if (parts > 1) helpers!.finish();
    }
    out.set(heap.subarray(cAt / 8, cAt / 8 + n * m));
  }

  function stateArray(length: number): Float64Array | undefined {
    if (!shared) return undefined;
    const bytes = Math.max(16, align16(length * 8));
    let at: number;
    const reuse = freed.findIndex((block) => block.bytes >= bytes);
    if (reuse >= 0) {
      const block = freed[reuse];
      at = block.at;
      if (block.bytes > bytes) freed[reuse] = { at: at + bytes, bytes: block.bytes - bytes };
      else freed.splice(reuse, 1);
    } else {
      reserve(bytes);
      at = base;
      base += bytes;
    }
    const array = new Float64Array(memory.buffer, at, length).fill(0);
    resident.set(array, at);
    release.register(array, { at, bytes });
    return array;
  }

  function adam(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: AdamStep): boolean {
    const mAt = resident.get(m);
    const vAt = resident.get(v);
    const n = w.length;
    if (mAt === undefined || vAt === undefined || m.length !== n || v.length !== n || g.length !== n) return false;
    if (n < ADAM_MIN_WEIGHTS) return false; // the call and copies would cost more than they save
    const wAt = base;
    const gAt = wAt + align16(n * 8);
    reserve(2 * align16(n * 8));
    heap.set(w, wAt / 8);
    heap.set(g, gAt / 8);
    const { learningRate, correction1, correction2, beta1, beta2, epsilon } = step;
    const constants = [learningRate, correction1, correction2, beta1, beta2, 1 - beta1, 1 - beta2, epsilon];
    // Large parameters in two (or more) slices, an even number of weights each, one per thread.
    const parts = helpers && n >= SPLIT_WEIGHTS ? threads : 1;
    const slice = Math.ceil(n / parts / 2) * 2;
    for (let t = 1; t < parts; t++) {
      const from = t * slice;
      if (from >= n) break;
      const o = from * 8;
      helpers!.start(t - 1, Job.AdamUpdate, [wAt + o, gAt + o, mAt + o, vAt + o, Math.min(slice, n - from), ...constants]);
    }
    try {
      adamUpdate(wAt, gAt, mAt, vAt, Math.min(slice, n), ...(constants as [number, number, number, number, number, number, number, number]));
    } finally {
      if (parts > 1) helpers!.finish();
    }
    w.set(heap.subarray(wAt / 8, wAt / 8 + n));
    return true;
  }

  return {
    threads,
    dispose: () => helpers?.stop(),
    stateArray,
    adamUpdate: adam,
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
