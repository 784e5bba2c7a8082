/** The kernel client on its own: start-up on a taken port, and a clean shutdown. */
import { createServer } from "node:net";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { Kernel } from "../../runner/kernel.js";
import { isRunning } from "../helpers/processes.js";

it("starts on fresh ports when a port it was given is taken", async () => {
  const blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
  const taken = (blocker.address() as { port: number }).port;
  try {
    const kernel = await Kernel.start({ cwd: resolve("notebooks"), ports: [taken, taken + 1, taken + 2, taken + 3, taken + 4] });
    try {
      const outcome = await kernel.execute("6 * 7", { timeoutMs: 30_000 });
      expect(outcome.status).toBe("ok");
      expect(outcome.messages.map((m) => m.content.text)).toEqual(["42\n"]);
    } finally {
      await kernel.shutdown();
    }
    expect(kernel.hasExited).toBe(true);
    expect(isRunning(kernel.pid)).toBe(false);
  } finally {
    blocker.close();
  }
});
