export { Optimizer, type OptimizerOptions } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adagrad, type AdagradOptions } from "./adagrad.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { Adam, type AdamOptions } from "./adam.js";
