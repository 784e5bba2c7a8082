/**
 * nn-from-scratch — the neural-network library this course builds, one chapter at a time.
 * No runtime dependencies: everything here is plain TypeScript.
 *
 * @packageDocumentation
 */
export { neuron } from "./neuron.js";
export { layerOutput } from "./layer-output.js";
export { Matrix } from "./matrix.js";
export { Random, randn } from "./random.js";
export { Dense, type DenseOptions } from "./dense.js";
export { Step, Linear, Sigmoid, sigmoid, ReLU, Softmax } from "./activations/index.js";
export { spiralData, verticalData, sineData, type ClassificationData, type RegressionData } from "./data.js";
export {
  CategoricalCrossentropy,
  CATEGORICAL_CROSSENTROPY_CLIP,
  SoftmaxCategoricalCrossentropy,
  BinaryCrossentropy,
  MeanSquaredError,
  MeanAbsoluteError,
  type ClassTargets,
  type ValueTargets,
} from "./losses/index.js";
export { accuracy, binaryAccuracy, regressionAccuracy } from "./accuracy.js";
export {
  numericalDerivative,
  numericalGradient,
  relativeError,
  gradientCheck,
  checkLayerGradients,
  checkLossGradients,
  GradientCheckResult,
  GradientCheckReport,
  type GradientCheckSettings,
  type GradientCheckOptions,
  type BackwardLayer,
  type LossWithGradient,
} from "./gradients/index.js";
export { type Parameter } from "./parameter.js";
export { BaseLayer, type Layer, type ForwardOptions, type BackwardOptions } from "./layer.js";
export { Optimizer, SGD, Adagrad, RMSprop, Adam, type OptimizerOptions, type SGDOptions, type AdagradOptions, type RMSpropOptions, type AdamOptions } from "./optimizers/index.js";
export { trainStep, type ClassifierTraining } from "./train.js";
export { Dropout } from "./dropout.js";
export { regularizationLoss } from "./regularization.js";
export { shuffle, trainTestSplit, standardize, minMaxScale, type Dataset, type Scaler, type SplitOptions, type Targets } from "./split.js";
export { Model, formatEpoch, type ModelOptions, type ModelLoss, type ModelTargets, type AccuracyKind, type FitOptions, type EpochLogs, type History, type FitReporter } from "./model.js";
export { ModelFormatError, MODEL_FORMAT, MODEL_VERSION, type ModelJSON, type LayerJSON, type MatrixJSON } from "./serialize.js";
export { loadMnist, MNIST_PIXELS, type MnistData, type LoadMnistOptions } from "./mnist.js";
export { setBackend, getBackend, getBackendInfo, type BackendName, type BackendOptions, type BackendInfo } from "./kernels/backend.js";
