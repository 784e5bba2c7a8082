/** The error every chart helper throws for data it cannot draw. */

/**
 * Thrown when a chart's data is malformed. The message starts with the helper's name and says
 * what was expected and what arrived, e.g.
 * `linePlot: trace "ReLU(x)" has 200 x values but 199 y values`.
 */
export class ChartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartError";
  }
}

/** Throws a {@link ChartError} whose message starts with `where: `. */
export function fail(where: string, message: string): never {
  throw new ChartError(`${where}: ${message}`);
}
