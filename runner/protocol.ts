/**
 * The Jupyter messaging protocol's wire format (version 5.3): a message travels over ZeroMQ as
 * `[...identities, "<IDS|MSG>", hmac, header, parent_header, metadata, content, ...buffers]`,
 * where `hmac` is the HMAC-SHA256 of the four JSON parts, keyed by the connection file's key.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const DELIMITER = "<IDS|MSG>";

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded Jupyter message. `content` is left loosely typed: each message type has its own. */
export interface JupyterMessage<C = Record<string, unknown>> {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Signs and verifies messages for one kernel connection. */
export class MessageCodec {
  readonly session = randomUUID();

  constructor(private readonly key: string, private readonly username = "nn-from-scratch") {}

  /** A new message of `msgType` with a fresh id. */
  create<C extends object>(msgType: string, content: C): JupyterMessage<C> {
    return {
      header: {
        msg_id: randomUUID(),
        session: this.session,
        username: this.username,
        date: new Date().toISOString(),
        msg_type: msgType,
        version: "5.3",
      },
      parent_header: {},
      metadata: {},
      content,
      buffers: [],
    };
  }

  /** The frames to send on a DEALER socket (no routing identities). */
  encode(message: JupyterMessage<object>): Buffer[] {
    const parts = [message.header, message.parent_header, message.metadata, message.content].map((p) =>
      Buffer.from(JSON.stringify(p)),
    );
    return [Buffer.from(DELIMITER), Buffer.from(this.sign(parts)), ...parts, ...message.buffers];
  }

  /** Decodes received frames, rejecting a message whose signature does not match. */
  decode(frames: Buffer[]): JupyterMessage {
    const at = frames.findIndex((f) => f.toString() === DELIMITER);
    if (at < 0 || frames.length < at + 6) {
      throw new Error(`Jupyter message is malformed: expected "${DELIMITER}" followed by 5 frames`);
    }
    const signature = frames[at + 1].toString();
    const parts = frames.slice(at + 2, at + 6);
    if (this.key) {
      const expected = Buffer.from(this.sign(parts));
      const got = Buffer.from(signature);
      if (expected.length !== got.length || !timingSafeEqual(expected, got)) {
        throw new Error("Jupyter message has an invalid signature");
      }
    }
    const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p.toString()));
    return { header, parent_header, metadata, content, buffers: frames.slice(at + 6) };
  }

  private sign(parts: Buffer[]): string {
    if (!this.key) return "";
    const hmac = createHmac("sha256", this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest("hex");
  }
}
