/**
 * Helper threads for the fast kernels (Node only): each worker instantiates the same WebAssembly
 * module on the same shared memory and computes a slice of C's rows when asked. No messages
 * carry data — the matrices are already in the shared memory; a worker is woken, and answers,
 * through `Atomics` on a small shared control block.
 */

/** One helper's control block: [job number, job done, failed] as Int32, then the job: its kind and up to 13 arguments. */
interface Helper {
  flags: Int32Array;
  args: Float64Array;
  job: number;
  worker: { terminate(): Promise<number>; unref(): void };
}

/** What a helper can be asked to run: the module's `gemm` or its `adamUpdate`. */
export const Job = { Gemm: 0, AdamUpdate: 1 } as const;
export type Job = (typeof Job)[keyof typeof Job];

/** A running set of helpers: `start` hands each its job, `finish` waits until all are done. */
export interface HelperPool {
  readonly size: number;
  start(index: number, job: Job, args: readonly number[]): void;
  finish(): void;
  stop(): void;
}

/** How many times a thread checks for news before it sleeps (about 0.1 ms). */
const SPIN_CHECKS = 20_000;

// The worker's whole program. It waits on its job number; a negative number means "stop".
const WORKER_SOURCE = `
const SPIN = ${SPIN_CHECKS};
const { workerData } = process.getBuiltinModule("node:worker_threads");
const { module, memory, control } = workerData;
const { gemm, adamUpdate } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const flags = new Int32Array(control, 0, 4);
const args = new Float64Array(control, 16, 14);
let seen = 0;
for (;;) {
  // Products come in bursts (a training step makes several): look for the next job for a short
  // while before sleeping, since waking a sleeping thread takes longer than a small product.
  for (let spin = 0; spin < SPIN && Atomics.load(flags, 0) === seen; spin++);
  Atomics.wait(flags, 0, seen);
  const job = Atomics.load(flags, 0);
  if (job < 0) break;
  if (job === seen) continue;
  seen = job;
  try {
    if (args[0] === ${Job.Gemm}) gemm(args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11]);
    else adamUpdate(args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13]);
  } catch {
    Atomics.store(flags, 2, 1);
  }
  Atomics.store(flags, 1, job);
  Atomics.notify(flags, 1);
}
`;

/** A worker that does not answer within this long is taken to be lost (the product throws). */
const ANSWER_TIMEOUT_MS = 60_000;

type WorkerThreads = {
  Worker: new (source: string, options: object) => Helper["worker"];
};

/**
 * Starts `count` helper threads on `module` and the shared `memory`.
 * @returns the pool, or why there can be none here (not Node, or no shared memory)
 */
export function startHelpers(module: unknown, memory: unknown, count: number): HelperPool | string {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== "function") return "threads need Node.js's worker_threads";
  if (typeof SharedArrayBuffer !== "function") return "this runtime has no SharedArrayBuffer";
  const { Worker } = get("node:worker_threads") as WorkerThreads;
  const helpers: Helper[] = [];
  for (let i = 0; i < count; i++) {
    const control = new SharedArrayBuffer(16 + 14 * 8);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control } });
    worker.unref(); // an idle helper never keeps the program alive
    helpers.push({ flags: new Int32Array(control, 0, 4), args: new Float64Array(control, 16, 14), job: 0, worker });
  }
  let started: Helper[] = [];
  return {
    size: count,
    start(index, job, args) {
      const h = helpers[index];
      h.args[0] = job;
      h.args.set(args, 1);
      h.job += 1;
      Atomics.store(h.flags, 0, h.job);
      Atomics.notify(h.flags, 0);
      started.push(h);
    },
    finish() {
      const waiting = started;
      started = [];
      for (const h of waiting) {
        for (let spin = 0; spin < SPIN_CHECKS && Atomics.load(h.flags, 1) !== h.job; spin++);
        let done: number;
        while ((done = Atomics.load(h.flags, 1)) !== h.job) {
          if (Atomics.wait(h.flags, 1, done, ANSWER_TIMEOUT_MS) === "timed-out") {
            throw new Error(`nn-from-scratch: a kernel thread did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
          }
        }
        if (Atomics.exchange(h.flags, 2, 0) !== 0) throw new Error("nn-from-scratch: the WebAssembly kernels failed in a helper thread");
      }
    },
    stop() {
      for (const h of helpers) {
        Atomics.store(h.flags, 0, -1);
        Atomics.notify(h.flags, 0);
        void h.worker.terminate();
      }
    },
  };
}
