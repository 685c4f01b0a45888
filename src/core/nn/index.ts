// Neural-network building blocks: modules with named parameters, layers, initialisers.
export { Module, Sequential, copyParameters, polyakUpdate, type Layer } from './module.js';
export {
  Activation, activate, Linear, MLP, Conv2d, Flatten, LayerNorm, Embedding, initParameter,
  type ActivationName, type LinearOptions, type MLPOptions, type Conv2dLayerOptions,
} from './layers.js';
export { LSTMCell, LSTM, type LstmState, type LstmOutput } from './recurrent.js';
export { SelfAttention, TransformerBlock, type TransformerBlockOptions } from './transformer.js';
export * as init from './init.js';
export type { Initializer } from './init.js';
