/**
 * nn-from-scratch — the neural-network library this course builds, one chapter at a time.
 * No runtime dependencies: everything here is plain TypeScript.
 *
 * @packageDocumentation
 */
export { neuron, requireFinite } from "./neuron.js";
