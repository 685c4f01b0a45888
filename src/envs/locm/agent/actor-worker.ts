// Entry point of a LOCM actor thread (started by WorkerActors in actors.ts): plays the batches of
// training games the learner posts, with its own copy of the policy.
import { workerData } from 'node:worker_threads';
import { serveActor, type ActorWorkerInit } from './actors.js';

serveActor(workerData as ActorWorkerInit);
