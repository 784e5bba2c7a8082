/**
 * A client for one tslab kernel process, speaking the Jupyter messaging protocol over ZeroMQ:
 * it writes a connection file, starts `tslab kernel` in its own process group, connects
 * shell + control (DEALER) and iopub (SUB), does the kernel_info handshake, executes code and
 * collects the iopub messages each request produces, and always cleans up after itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import * as zmq from "zeromq";
import { MessageCodec, type JupyterMessage } from "./protocol.js";
import { KERNEL_MARKER_VAR, killProcessTree } from "./processes.js";

const require = createRequire(import.meta.url);

/** The tslab executable of this project, found by absolute path (tslab need not be on PATH). */
export function tslabBin(): string {
  return require.resolve("tslab/bin/tslab");
}

/** The kernel could not be started; `retryable` when fresh ports may help (it died or could not bind). */
export class KernelStartError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "KernelStartError";
  }
}

/** Every kernel process this Node process started and has not yet seen exit. */
const liveKernels = new Set<Kernel>();

/** Kills every kernel still running (used on Ctrl-C, SIGTERM and exit). Synchronous on purpose. */
export function killAllKernels(): void {
  for (const kernel of liveKernels) kernel.kill();
}

/** Process ids of kernels started by this process that are still running. */
export function liveKernelPids(): number[] {
  return [...liveKernels].map((k) => k.pid);
}

export interface KernelStartOptions {
  /** The kernel's working directory (Jupyter uses the notebook's folder). */
  cwd: string;
  /** How long to wait for the kernel to answer kernel_info (default 60 s). */
  startupTimeoutMs?: number;
  /** Ports to try first (shell, iopub, stdin, control, heartbeat); default: free ones. */
  ports?: readonly [number, number, number, number, number];
}

export interface ExecuteOptions {
  /** Interrupt the cell after this many milliseconds (default: no limit). */
  timeoutMs?: number;
  /** After an interrupt, how long to wait before killing the kernel (default 5 s). */
  interruptGraceMs?: number;
  /** Called with each iopub message of this request as it arrives. */
  onMessage?: (message: JupyterMessage) => void;
  /**
   * Once the reply has arrived, how long to wait for the final `idle` status before taking the
   * cell as finished anyway (default 5 s; nbclient's iopub_timeout plays the same part).
   */
  idleGraceMs?: number;
}

/** What happened to one execute_request. */
export interface ExecuteOutcome {
  /** `ok`/`error`/`aborted` come from the kernel's reply; `timeout` and `died` are the client's. */
  status: "ok" | "error" | "aborted" | "timeout" | "died";
  /** The execute_reply content (absent when the kernel was killed or died). */
  reply?: Record<string, unknown>;
  /** Every iopub message whose parent is this request, in arrival order. */
  messages: JupyterMessage[];
  /** For `timeout`: whether the interrupt ended the cell (true) or the kernel had to be killed. */
  interrupted?: boolean;
  /** For `died`: the kernel's exit code or signal and the end of its stderr. */
  detail?: string;
  /** True when the reply came but the kernel's `idle` status never did: output may be missing. */
  idleMissing?: boolean;
}

interface Pending {
  messages: JupyterMessage[];
  reply?: JupyterMessage;
  idle: boolean;
  onMessage?: (message: JupyterMessage) => void;
  /** Called once when the reply arrives (execute uses it to bound the wait for `idle`). */
  onReply?: () => void;
  settle: () => void;
}

/** A running tslab kernel. Create it with {@link Kernel.start}; always end it with {@link Kernel.shutdown}. */
export class Kernel {
  private readonly pending = new Map<string, Pending>();
  private exited = false;
  private exitDetail = "";
  private stderrTail = "";
  private readonly exitWaiters: Array<() => void> = [];
  /** The tail of each socket's chain of sends: zeromq allows one send in flight per socket. */
  private readonly sending = new Map<zmq.Socket, Promise<boolean>>();
  /** `language_info` from the kernel_info reply, for the executed notebook's metadata. */
  languageInfo?: Record<string, unknown>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly codec: MessageCodec,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
    private readonly connectionDir: string,
    /** The value of {@link KERNEL_MARKER_VAR} that this kernel and all its descendants carry. */
    private readonly marker: string,
  ) {
    child.stderr?.on("data", (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-4000);
    });
    child.stdout?.on("data", () => {}); // drain
    child.on("exit", (code, signal) => {
      this.exited = true;
      this.exitDetail = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      liveKernels.delete(this);
      // What the kernel started dies with it: children that ignore SIGTERM, detached ones.
      killProcessTree({ pid: this.pid, exited: true, marker: this.marker });
      for (const w of this.exitWaiters.splice(0)) w();
      for (const p of this.pending.values()) p.settle();
    });
    void this.listen(this.shell);
    void this.listen(this.control);
    void this.listen(this.iopub);
  }

  /** The kernel's process id. */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** True once the kernel process has exited. */
  get hasExited(): boolean {
    return this.exited;
  }

  /** Starts a tslab kernel in `cwd` and waits until it answers kernel_info on shell and iopub. */
  static async start(options: KernelStartOptions): Promise<Kernel> {
    // Free ports are picked before the kernel binds them, so another program can take one in
    // between (Jupyter has the same race). A kernel that dies at start-up gets fresh ports.
    for (let attempt = 1; ; attempt++) {
      try {
        return await Kernel.startOnce(attempt === 1 ? options : { ...options, ports: undefined });
      } catch (error) {
        if (!(error instanceof KernelStartError && error.retryable) || attempt >= 3) throw error;
      }
    }
  }

  private static async startOnce(options: KernelStartOptions): Promise<Kernel> {
    const ports = options.ports ?? (await Promise.all([1, 2, 3, 4, 5].map(() => getPort({ host: "127.0.0.1" }))));
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ports;
    const key = randomBytes(32).toString("hex");
    const connection = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port,
      iopub_port,
      stdin_port,
      control_port,
      hb_port,
      key,
      signature_scheme: "hmac-sha256",
      kernel_name: "tslab",
    };
    const connectionDir = mkdtempSync(join(tmpdir(), "nn-kernel-"));
    const connectionFile = join(connectionDir, "kernel.json");
    writeFileSync(connectionFile, JSON.stringify(connection), { mode: 0o600 });

    const marker = randomBytes(8).toString("hex");
    const child = spawn(process.execPath, [tslabBin(), "kernel", "--config-path", connectionFile], {
      cwd: options.cwd,
      // Inherited by everything the kernel starts, so even a detached grandchild can be found.
      env: { ...process.env, [KERNEL_MARKER_VAR]: marker },
      // Its own process group: a Ctrl-C in the terminal reaches the runner, which decides,
      // and killing the group leaves nothing behind.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const codec = new MessageCodec(key);
    const address = (port: number) => `tcp://127.0.0.1:${port}`;
    const shell = new zmq.Dealer({ linger: 0 });
    const control = new zmq.Dealer({ linger: 0 });
    // No high-water mark: a SUB socket drops what exceeds it, and every line of output counts.
    const iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
    shell.connect(address(shell_port));
    control.connect(address(control_port));
    iopub.connect(address(iopub_port));
    iopub.subscribe();
    const kernel = new Kernel(child, codec, shell, control, iopub, connectionDir, marker);
    liveKernels.add(kernel);
    try {
      await kernel.handshake(options.startupTimeoutMs ?? 60_000);
    } catch (error) {
      await kernel.shutdown();
      throw error;
    }
    return kernel;
  }

  /**
   * Sends kernel_info_request until a reply arrives on shell *and* its status messages arrive
   * on iopub — a SUB socket only receives once its subscription has reached the kernel.
   */
  private async handshake(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new KernelStartError(`tslab kernel ${this.exitDetail} before it was ready:\n${this.stderrTail}`, true);
      }
      if (/EADDRINUSE|Address already in use/i.test(this.stderrTail)) {
        throw new KernelStartError(`tslab kernel could not bind its ports:\n${this.stderrTail}`, true);
      }
      const outcome = await this.request(this.shell, "kernel_info_request", {}, Math.min(2000, deadline - Date.now()));
      if (outcome.reply && outcome.idle) {
        this.languageInfo = outcome.reply.content.language_info as Record<string, unknown> | undefined;
        return;
      }
    }
    throw new KernelStartError(`tslab kernel did not answer kernel_info within ${timeoutMs / 1000} s:\n${this.stderrTail}`, false);
  }

  /** Sends one request and waits for its reply and its final `idle` status, or the time limit. */
  private request(
    socket: zmq.Dealer,
    msgType: string,
    content: object,
    timeoutMs: number,
    onMessage?: (m: JupyterMessage) => void,
  ): Promise<Pending> {
    const message = this.codec.create(msgType, content);
    return new Promise<Pending>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const entry: Pending = {
        messages: [],
        idle: false,
        onMessage,
        settle: () => {
          if (timer) clearTimeout(timer);
          resolve(entry);
        },
      };
      this.pending.set(message.header.msg_id, entry);
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => resolve(entry), Math.max(0, timeoutMs));
      void this.send(socket, this.codec.encode(message)).then((sent) => sent || resolve(entry));
    });
  }

  /**
   * Sends on `socket` after the sends already queued on it; resolves false instead of throwing
   * when the socket is closed or the kernel has gone (after a kill, say).
   */
  private send(socket: zmq.Dealer, frames: Buffer[]): Promise<boolean> {
    const previous = this.sending.get(socket) ?? Promise.resolve(true);
    const next = previous.then(async () => {
      if (socket.closed || this.exited) return false;
      try {
        await socket.send(frames);
        return true;
      } catch {
        return false;
      }
    });
    this.sending.set(socket, next);
    return next;
  }

  private async listen(socket: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: JupyterMessage;
        try {
          message = this.codec.decode(frames);
        } catch {
          continue; // a message we cannot verify is ignored, as Jupyter clients do
        }
        const entry = this.pending.get(message.parent_header.msg_id ?? "");
        if (!entry) continue;
        if (socket === this.iopub) {
          if (message.header.msg_type === "status") {
            if (message.content.execution_state === "idle") entry.idle = true;
          } else {
            entry.messages.push(message);
            entry.onMessage?.(message);
          }
        } else {
          entry.reply = message;
          entry.onReply?.();
        }
        if (entry.reply && entry.idle) entry.settle();
      }
    } catch {
      // the socket was closed
    }
  }

  /** Executes `code` as one cell and returns the reply and every output message it produced. */
  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    if (this.exited) return { status: "died", messages: [], detail: this.deathDetail() };
    const content = {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    };
    const timeoutMs = options.timeoutMs ?? Infinity;
    const message = this.codec.create("execute_request", content);
    const id = message.header.msg_id;
    let entry!: Pending;
    let idleTimer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve) => {
      entry = {
        messages: [],
        idle: false,
        onMessage: options.onMessage,
        // A kernel that loses its `idle` status must not hold the run until the cell timeout.
        onReply: () => (idleTimer = setTimeout(resolve, options.idleGraceMs ?? 5000)),
        settle: resolve,
      };
      this.pending.set(id, entry);
    });
    if (!(await this.send(this.shell, this.codec.encode(message)))) {
      this.pending.delete(id);
      return { status: "died", messages: [], detail: this.deathDetail() };
    }
    const finished = await waitFor(done, timeoutMs);
    clearTimeout(idleTimer);
    if (!finished) {
      // Interrupt like Jupyter does for kernels with interrupt_mode "signal" (tslab breaks
      // even a busy synchronous loop on SIGINT); kill if the kernel does not come back.
      this.interrupt();
      const interrupted = await waitFor(done, options.interruptGraceMs ?? 5000);
      this.pending.delete(id);
      if (!interrupted) this.kill();
      return { status: "timeout", reply: entry.reply?.content, messages: entry.messages, interrupted };
    }
    this.pending.delete(id);
    if (!entry.reply) return { status: "died", messages: entry.messages, detail: this.deathDetail() };
    const status = String(entry.reply.content.status ?? "error");
    return {
      status: status === "ok" || status === "aborted" ? status : "error",
      reply: entry.reply.content,
      messages: entry.messages,
      ...(entry.idle ? {} : { idleMissing: true }),
    };
  }

  private deathDetail(): string {
    return `the kernel ${this.exitDetail || "stopped"}${this.stderrTail ? `:\n${this.stderrTail}` : ""}`;
  }

  /** Sends SIGINT, as Jupyter does to interrupt a kernel whose interrupt_mode is "signal". */
  interrupt(): void {
    if (!this.exited && this.child.pid) {
      try {
        process.kill(this.child.pid, "SIGINT");
      } catch {
        // already gone
      }
    }
  }

  /**
   * Kills the kernel and everything it started (its process group, its descendants, whatever
   * carries its marker) at once. Synchronous, so it can run in a signal handler; safe to call
   * more than once.
   */
  kill(): void {
    if (this.child.pid) killProcessTree({ pid: this.child.pid, exited: this.exited, marker: this.marker });
    this.closeSockets();
  }

  /** Asks the kernel to shut down (shutdown_request on control), kills it if it does not, and cleans up. */
  async shutdown(graceMs = 3000): Promise<void> {
    if (!this.exited) {
      // After a kill the sockets are closed: there is nobody to ask (send() then just says no).
      if (!this.control.closed) await this.request(this.control, "shutdown_request", { restart: false }, Math.min(graceMs, 1000));
      // tslab closes its sockets on shutdown but leaves the process alive: end it.
      if (!this.exited) {
        try {
          process.kill(-this.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      const exited = await waitFor(new Promise<void>((r) => (this.exited ? r() : this.exitWaiters.push(r))), graceMs);
      if (!exited) this.kill();
      if (!this.exited) await waitFor(new Promise<void>((r) => (this.exited ? r() : this.exitWaiters.push(r))), graceMs);
    }
    // The kernel has gone; anything it started that is still about goes too.
    killProcessTree({ pid: this.pid, exited: this.exited, marker: this.marker });
    this.closeSockets();
  }

  private closeSockets(): void {
    for (const s of [this.shell, this.control, this.iopub]) {
      if (!s.closed) s.close();
    }
    for (const p of this.pending.values()) p.settle();
    rmSync(this.connectionDir, { recursive: true, force: true });
  }
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
function waitFor(promise: Promise<unknown>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) return promise.then(() => true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
