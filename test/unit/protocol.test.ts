import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELIMITER, MessageCodec } from "../../runner/protocol.js";
import { OutputCollector, toDiskFormat } from "../../runner/outputs.js";

describe("MessageCodec", () => {
  const codec = new MessageCodec("secret-key");

  it("signs the four JSON frames with HMAC-SHA256 of the key", () => {
    const frames = codec.encode(codec.create("kernel_info_request", {}));
    expect(frames[0].toString()).toBe(DELIMITER);
    const expected = createHmac("sha256", "secret-key");
    for (const f of frames.slice(2, 6)) expected.update(f);
    expect(frames[1].toString()).toBe(expected.digest("hex"));
    const header = JSON.parse(frames[2].toString());
    expect(header).toMatchObject({ msg_type: "kernel_info_request", version: "5.3", session: codec.session });
  });

  it("decodes what it encodes, after routing identities", () => {
    const message = codec.create("execute_request", { code: "1 + 1" });
    const decoded = codec.decode([Buffer.from("identity"), ...codec.encode(message)]);
    expect(decoded.header).toEqual(message.header);
    expect(decoded.content).toEqual({ code: "1 + 1" });
  });

  it("rejects a tampered message and a wrong key", () => {
    const frames = codec.encode(codec.create("execute_request", { code: "1" }));
    const tampered = [...frames];
    tampered[5] = Buffer.from(JSON.stringify({ code: "2" }));
    expect(() => codec.decode(tampered)).toThrow("invalid signature");
    expect(() => new MessageCodec("other-key").decode(frames)).toThrow("invalid signature");
    expect(() => codec.decode([Buffer.from("no delimiter")])).toThrow("malformed");
  });
});

describe("OutputCollector", () => {
  const codec = new MessageCodec("k");
  const msg = (type: string, content: Record<string, unknown>) => codec.create(type, content);

  it("merges consecutive stream text of the same name only", () => {
    const c = new OutputCollector();
    const outputs = c.startCell();
    c.add(msg("stream", { name: "stdout", text: "a\n" }));
    c.add(msg("stream", { name: "stdout", text: "b\n" }));
    c.add(msg("stream", { name: "stderr", text: "e\n" }));
    c.add(msg("stream", { name: "stdout", text: "c\n" }));
    expect(outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "a\nb\n" },
      { output_type: "stream", name: "stderr", text: "e\n" },
      { output_type: "stream", name: "stdout", text: "c\n" },
    ]);
  });

  it("updates a display in an earlier cell by its display id", () => {
    const c = new OutputCollector();
    const first = c.startCell();
    c.add(msg("display_data", { data: { "text/plain": "v1" }, metadata: {}, transient: { display_id: "d" } }));
    const second = c.startCell();
    c.add(msg("update_display_data", { data: { "text/plain": "v2" }, metadata: {}, transient: { display_id: "d" } }));
    expect(first).toEqual([{ output_type: "display_data", data: { "text/plain": "v2" }, metadata: {} }]);
    expect(second).toEqual([]);
  });

  it("keeps execute_result and error outputs, and honours clear_output(wait)", () => {
    const c = new OutputCollector();
    const outputs = c.startCell();
    c.add(msg("stream", { name: "stdout", text: "gone\n" }));
    c.add(msg("clear_output", { wait: true }));
    expect(outputs).toHaveLength(1);
    c.add(msg("execute_result", { data: { "text/plain": "3" }, metadata: {}, execution_count: 4 }));
    c.add(msg("error", { ename: "TypeError", evalue: "x", traceback: ["TypeError: x"] }));
    expect(outputs).toEqual([
      { output_type: "execute_result", data: { "text/plain": "3" }, metadata: {}, execution_count: 4 },
      { output_type: "error", ename: "TypeError", evalue: "x", traceback: ["TypeError: x"] },
    ]);
    c.add(msg("clear_output", { wait: false }));
    expect(outputs).toEqual([]);
  });

  it("writes text as lists of lines but leaves JSON MIME types as JSON", () => {
    const disk = toDiskFormat({
      output_type: "display_data",
      data: { "text/html": "<p>\n</p>", "application/vnd.plotly.v1+json": { data: [] } },
      metadata: {},
    });
    expect(disk.data).toEqual({ "text/html": ["<p>\n", "</p>"], "application/vnd.plotly.v1+json": { data: [] } });
  });
});
