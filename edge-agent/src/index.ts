export type { EdgeAgentConfig } from './agent-config.js';
export { agentConfigFromEnv } from './agent-config.js';
export type { EdgeErrorCode } from './errors/edge-error-catalog.js';
export { edgeErrorCatalog } from './errors/edge-error-catalog.js';
export type { BuildEdgeServerOptions, EnrollRelayOutcome } from './lan/edge-server.js';
export { buildEdgeServer } from './lan/edge-server.js';
export type { EdgeAgent, StartEdgeAgentOptions } from './start-edge-agent.js';
export { startEdgeAgent } from './start-edge-agent.js';
export type { AgentStatus } from './status/agent-status.js';
