/** Types for markdown-it-texmath (which ships none): a markdown-it plugin for TeX math. */
declare module "markdown-it-texmath" {
  import type { PluginWithOptions } from "markdown-it";

  interface TexmathOptions {
    /** The math renderer, e.g. the `katex` module. */
    engine?: unknown;
    /** `dollars` (default), `brackets`, `gitlab`, … or several. */
    delimiters?: string | string[];
    katexOptions?: Record<string, unknown>;
  }
  const texmath: PluginWithOptions<TexmathOptions>;
  export default texmath;
}
