// The differentiable primitives, grouped by kind. Each file keeps every op's forward and backward side by side.
export * from './elementwise.js';
export * from './reduce.js';
export * from './shape.js';
export * from './matmul.js';
export * from './gather.js';
export * from './conv.js';
export * from './norm.js';
export * from './lstm.js';
export * from './attention.js';
export * from './additive.js';
export { lgamma as lgammaScalar, digamma as digammaScalar, trigamma as trigammaScalar } from './special.js';
