/**
 * nn-from-scratch — the neural-network library this course builds, one chapter at a time.
 * No runtime dependencies: everything here is plain TypeScript.
 *
 * @packageDocumentation
 */
export { neuron, requireFinite } from "./neuron.js";
export { layerOutput } from "./layer.js";
export { Matrix } from "./matrix.js";
export { Random, randn } from "./random.js";
export { Dense, type DenseOptions } from "./dense.js";
export { Step, Linear, Sigmoid, sigmoid, ReLU, Softmax } from "./activations/index.js";
export { spiralData, verticalData, sineData, type ClassificationData, type RegressionData } from "./data.js";
