// The classic-control envs (Gymnasium 1.x), their registrations, and the shared renderer helpers.
export { AcrobotEnv } from './acrobot.js';
export { CartPoleEnv } from './cartpole.js';
export { ClassicEnv, type ClassicEnvOptions } from './classic-env.js';
export { MountainCarEnv } from './mountain-car.js';
export { MountainCarContinuousEnv } from './mountain-car-continuous.js';
export { PendulumEnv, angleNormalize } from './pendulum.js';
