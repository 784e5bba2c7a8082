/**
 * Chapters 06 and 09 — loss functions: how wrong the predictions are, and in which direction
 * to change them.
 */
export { type ClassTargets } from "./targets.js";
export { CategoricalCrossentropy, CATEGORICAL_CROSSENTROPY_CLIP } from "./categorical-crossentropy.js";
export { SoftmaxCategoricalCrossentropy } from "./softmax-categorical-crossentropy.js";
export { BinaryCrossentropy } from "./binary-crossentropy.js";
export { MeanSquaredError, MeanAbsoluteError } from "./regression.js";
export { type ValueTargets } from "./value-targets.js";
