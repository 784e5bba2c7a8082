/**
 * Turns a kernel's iopub messages into nbformat 4 outputs, following nbclient's rules:
 * consecutive stream text of the same name is merged, `update_display_data` rewrites every
 * earlier output with the same display id (in any cell), and `clear_output` honours `wait`.
 */
import type { IOutput } from "@jupyterlab/nbformat";
import type { JupyterMessage } from "./protocol.js";
import { splitLines } from "./notebook.js";

type Bundle = Record<string, unknown>;

/** Collects the outputs of one notebook run, cell by cell. */
export class OutputCollector {
  /** display_id → the outputs that show it (they may sit in earlier cells). */
  private readonly displays = new Map<string, Array<{ data: Bundle; metadata: Bundle }>>();
  private outputs: IOutput[] = [];
  private clearOnNextOutput = false;

  /** Starts collecting for a new cell and returns its (live) output list. */
  startCell(): IOutput[] {
    this.outputs = [];
    this.clearOnNextOutput = false;
    return this.outputs;
  }

  /** Applies one iopub message to the current cell's outputs. */
  add(message: JupyterMessage): void {
    const c = message.content as Record<string, any>;
    switch (message.header.msg_type) {
      case "stream": {
        this.beforeOutput();
        const last = this.outputs[this.outputs.length - 1];
        if (last && last.output_type === "stream" && last.name === c.name) {
          last.text = String(last.text) + c.text;
        } else {
          this.outputs.push({ output_type: "stream", name: c.name, text: c.text });
        }
        break;
      }
      case "display_data":
      case "execute_result": {
        this.beforeOutput();
        const output: IOutput =
          message.header.msg_type === "display_data"
            ? { output_type: "display_data", data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: "execute_result", data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
        this.outputs.push(output);
        const id = c.transient?.display_id;
        if (id) {
          const list = this.displays.get(id) ?? [];
          list.push(output as unknown as { data: Bundle; metadata: Bundle });
          this.displays.set(id, list);
        }
        break;
      }
      case "update_display_data": {
        for (const output of this.displays.get(c.transient?.display_id) ?? []) {
          output.data = c.data ?? {};
          output.metadata = c.metadata ?? {};
        }
        break;
      }
      case "error": {
        this.beforeOutput();
        this.outputs.push({ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] });
        break;
      }
      case "clear_output": {
        if (c.wait) this.clearOnNextOutput = true;
        else this.outputs.splice(0);
        break;
      }
      default:
        break; // execute_input, comm messages and the like are not outputs
    }
  }

  private beforeOutput(): void {
    if (this.clearOnNextOutput) {
      this.outputs.splice(0);
      this.clearOnNextOutput = false;
    }
  }
}

/** Converts an output's long strings to lists of lines, as nbformat writes them to disk. */
export function toDiskFormat(output: IOutput): IOutput {
  const copy: Record<string, unknown> = { ...output };
  if (output.output_type === "stream" && typeof output.text === "string") copy.text = splitLines(output.text);
  if (output.data && typeof output.data === "object") {
    const data: Record<string, unknown> = {};
    for (const [mime, value] of Object.entries(output.data as Bundle)) {
      const isJson = mime === "application/json" || mime.endsWith("+json");
      data[mime] = !isJson && typeof value === "string" ? splitLines(value) : value;
    }
    copy.data = data;
  }
  return copy as IOutput;
}

/** All text a cell printed to one stream (`stdout` or `stderr`). */
export function streamText(outputs: readonly IOutput[], name: "stdout" | "stderr"): string {
  return outputs
    .filter((o) => o.output_type === "stream" && o.name === name)
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : String(o.text)))
    .join("");
}
