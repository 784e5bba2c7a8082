/**
 * nn-from-scratch/notebook — helpers for the course notebooks: checks and exercises now,
 * charts later. Kept apart from the core so the core has no runtime dependencies.
 *
 * @packageDocumentation
 */
export { check, exercise, exerciseStatus, isTodo, TODO, CheckError, type ExerciseStatus } from "./check.js";
export { compare, formatValue, shapeOf, toPlain, type Checkable, type CheckOptions, type Comparison } from "./compare.js";
export * from "./charts/index.js";
import "./fit-reporter.js"; // Model.fit in a notebook: a line per epoch and a live chart
