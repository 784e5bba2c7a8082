/**
 * Numeric derivatives (chapter 07) and gradient checks (chapters 08–09): the analytic gradients
 * of every `backward` are fast but easy to get subtly wrong; comparing them with numeric ones on
 * small examples catches mistakes in the calculus.
 */
export { numericalDerivative, numericalGradient, relativeError } from "./numerical.js";
export { type GradientCheckSettings } from "./settings.js";
export { gradientCheck, type GradientCheckOptions } from "./gradient-check.js";
export { GradientCheckResult, GradientCheckReport } from "./report.js";
export { checkLayerGradients, type BackwardLayer } from "./layer-check.js";
export { checkLossGradients, type LossWithGradient } from "./loss-check.js";
