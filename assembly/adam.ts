// Adam's update in WebAssembly SIMD: two weights per instruction. The arithmetic is the reference
// optimizer's (src/optimizers/adam.ts), operation for operation and in the same order, so the
// results are the same bit for bit: IEEE 754 rounds each lane's +, −, ×, ÷ and √ exactly as it
// rounds the scalar ones. Most of the time goes to the two divisions and the square root, which
// is why doing two at once pays.

/**
 * For i < count: m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g·g;  w ← w − lr·(m / c₁) / (√(v / c₂) + ε).
 * `keep1` and `keep2` are 1 − β₁ and 1 − β₂ as the caller computed them.
 */
export function adamUpdate(
  w: usize, g: usize, m: usize, v: usize, count: i32,
  lr: f64, c1: f64, c2: f64, beta1: f64, beta2: f64, keep1: f64, keep2: f64, epsilon: f64,
): void {
  const lrs = f64x2.splat(lr), c1s = f64x2.splat(c1), c2s = f64x2.splat(c2);
  const b1s = f64x2.splat(beta1), b2s = f64x2.splat(beta2), k1s = f64x2.splat(keep1), k2s = f64x2.splat(keep2);
  const eps = f64x2.splat(epsilon);
  let i = 0;
  for (; i + 2 <= count; i += 2) {
    const at = <usize>i << 3;
    const gi = v128.load(g + at);
    const mi = f64x2.add(f64x2.mul(b1s, v128.load(m + at)), f64x2.mul(k1s, gi));
    const vi = f64x2.add(f64x2.mul(b2s, v128.load(v + at)), f64x2.mul(f64x2.mul(k2s, gi), gi));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const step = f64x2.div(f64x2.mul(lrs, f64x2.div(mi, c1s)), f64x2.add(f64x2.sqrt(f64x2.div(vi, c2s)), eps));
    v128.store(w + at, f64x2.sub(v128.load(w + at), step));
  }
  for (; i < count; i++) {
    const at = <usize>i << 3;
    const gi = load<f64>(g + at);
    const mi = beta1 * load<f64>(m + at) + keep1 * gi;
    const vi = beta2 * load<f64>(v + at) + keep2 * gi * gi;
    store<f64>(m + at, mi);
    store<f64>(v + at, vi);
    store<f64>(w + at, load<f64>(w + at) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon));
  }
}
