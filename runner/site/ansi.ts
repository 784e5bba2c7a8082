/** Terminal output to HTML: ANSI colour codes become coloured spans, everything else is escaped. */
import { AnsiUp } from "ansi_up";

/**
 * Converts text that may contain ANSI escape codes (tslab's stderr, error tracebacks) to HTML.
 * The text is HTML-escaped; colours become `<span style="color:rgb(…)">`. Each call starts with
 * no colour, so one output's unclosed colour never leaks into the next.
 */
export function ansiToHtml(text: string): string {
  const converter = new AnsiUp();
  converter.use_classes = false;
  // Links are written as text: nothing in an output turns into a link to elsewhere.
  converter.url_allowlist = {};
  return converter.ansi_to_html(text);
}
