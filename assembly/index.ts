// The fast kernels' entry: what the WebAssembly module exports (see src/kernels/wasm/).
export { gemm } from "./matmul";
export { adamUpdate } from "./adam";

/** The first byte free for the caller's matrices (after the module's own static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
