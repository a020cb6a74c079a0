// smoke.ts and preflight.ts still import the flags from here (they are being rewritten on another
// branch); once that lands they import from ./flags/ like every other page, and this file goes.
export * from './flags/grafana.js';
export * from './flags/help.js';
export * from './flags/stack.js';
export * from './flags/values.js';
