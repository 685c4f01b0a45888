// Action distributions with differentiable log-probabilities and entropies.
export { Categorical, MASKED_LOGIT } from './categorical.js';
export { DiagGaussian, TanhGaussian, type SquashedSample } from './gaussian.js';
export { Beta, sampleGamma } from './beta.js';
