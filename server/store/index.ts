export * from './types';
export { createMemoryStore } from './memory';
export { createRedisStore } from './redis';
