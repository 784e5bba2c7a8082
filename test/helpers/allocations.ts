/**
 * Counts the typed arrays (Float64Array, Int32Array) constructed while `f` runs — every buffer the
 * library makes goes through one of these constructors — to test that a training step allocates none.
 */
export function countTypedArrays(f: () => void): number {
  let count = 0;
  const originals = { Float64Array: globalThis.Float64Array, Int32Array: globalThis.Int32Array };
  const counting = <T extends object>(ctor: T): T =>
    new Proxy(ctor, {
      construct(target, args, newTarget) {
        count++;
        return Reflect.construct(target as never, args, newTarget as never);
      },
    });
  globalThis.Float64Array = counting(originals.Float64Array);
  globalThis.Int32Array = counting(originals.Int32Array);
  try {
    f();
  } finally {
    globalThis.Float64Array = originals.Float64Array;
    globalThis.Int32Array = originals.Int32Array;
  }
  return count;
}
