/**
 * A `require` that resolves from this file, in both builds: the CommonJS build has
 * `__filename`; the ES module build (which cannot name `import.meta` and still compile to
 * CommonJS) finds its own file from the V8 call stack. Used to find plotly.js on disk.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

function thisFile(): string | undefined {
  if (typeof __filename === "string") return __filename;
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const callSites = new Error().stack as unknown as NodeJS.CallSite[] | undefined;
    const name = Array.isArray(callSites) ? callSites[0]?.getFileName() : undefined;
    if (!name) return undefined;
    return name.startsWith("file:") ? fileURLToPath(name) : name;
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = original;
  }
}

let cached: NodeRequire | undefined;

/** `require` relative to this module (falling back to the working directory). */
export function requireFromHere(): NodeRequire {
  cached ??= createRequire(thisFile() ?? join(process.cwd(), "index.js"));
  return cached;
}
