export { createSimulator, DEFAULT_SEED } from './simulator';
export type { BackfillProgress, Simulator, SimulatorOptions } from './simulator';
export { progressLine } from './progress';
export { createHttpSender } from './http-sender';
export type { HttpSenderOptions } from './http-sender';
export { AGENCIES } from './agencies';
export type { Agency, AgencyId } from './agencies';
export { PROCEDURES } from './procedures';
export type { Procedure } from './procedures';
