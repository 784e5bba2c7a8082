/**
 * Exercise solutions live in the notebook itself, in a collapsed markdown cell right after the
 * exercise cell:
 *
 *     <details><summary>Solution</summary>
 *
 *     ```ts
 *     ...a full replacement for the exercise cell...
 *     ```
 *     </details>
 *
 * Readers can peek; the tests (and `npm run course -- --solutions`) run the notebook with each
 * exercise cell replaced by its solution and expect every exercise to print "correct".
 */
import type { INotebookContent } from "@jupyterlab/nbformat";
import { joinSource } from "./notebook.js";

const SOLUTION = /<details>\s*<summary>\s*Solution\s*<\/summary>[\s\S]*?```(?:ts|typescript)\n([\s\S]*?)```/i;

/** Map from the index of each exercise cell to the source of its solution. */
export function solutionsOf(notebook: INotebookContent): Map<number, string> {
  const solutions = new Map<number, string>();
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "markdown") return;
    const match = SOLUTION.exec(joinSource(cell.source));
    if (!match) return;
    for (let i = index - 1; i >= 0; i--) {
      if (notebook.cells[i].cell_type === "code") {
        if (solutions.has(i)) throw new Error(`cell ${i + 1} has two solutions (cells ${index + 1} and another)`);
        solutions.set(i, match[1]);
        return;
      }
    }
    throw new Error(`the solution in cell ${index + 1} has no code cell before it`);
  });
  return solutions;
}

/** A `transformSource` for the runner that swaps every exercise cell for its solution. */
export function withSolutions(source: string, cellIndex: number, notebook: INotebookContent): string {
  return solutionsOf(notebook).get(cellIndex) ?? source;
}
