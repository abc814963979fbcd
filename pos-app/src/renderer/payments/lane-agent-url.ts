import { loadLaneConfig } from '../lane-config.js';

let configured: Promise<string> | undefined;

/** The edge agent's URL as this page reaches it: the lane config's sync upstream, read once. */
export function laneAgentUrl(): Promise<string> {
  configured ??= loadLaneConfig().then((c) => c.upstreamUrl);
  return configured;
}
