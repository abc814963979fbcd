export type { ReplayOptions } from './replay-scenario.js';
export { replayScenario } from './replay-scenario.js';
export type { Scenario, ScenarioStep } from './scenario.js';
export { parseScenario } from './scenario.js';
