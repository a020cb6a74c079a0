export type { GrafanaStandIn, GrafanaStandInOptions } from './server.js';
export { startGrafanaStandIn } from './server.js';
export type { StandInState } from './state.js';
