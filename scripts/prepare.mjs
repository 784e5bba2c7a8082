// `npm install` in this repository: apply the patches in patches/ (tslab's queued ZeroMQ sends),
// then build dist/. Not part of the published package — a library user installs dist/ as built.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve("patch-package/index.js")], { stdio: "inherit" });
execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
