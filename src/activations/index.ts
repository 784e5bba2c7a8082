/**
 * Chapter 05 — the activation functions, one file each. Every one is a class whose
 * `forward(inputs)` returns (and keeps in `output`) a matrix of the same shape as `inputs`.
 */
export { Step } from "./step.js";
export { Linear } from "./linear.js";
export { Sigmoid, sigmoid } from "./sigmoid.js";
export { ReLU } from "./relu.js";
export { Softmax } from "./softmax.js";
