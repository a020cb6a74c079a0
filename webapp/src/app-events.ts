import type { WebappMetrics } from './metrics.js';
import type { BusinessOperation } from './params.js';

/** The business events routes report; counted after the view, like the original's decorators. */
export interface AppEvents {
  customRequest(endpoint: 'hello' | 'business_metrics'): void;
  businessOperation(operation: BusinessOperation): void;
}

export const ignoreEvents: AppEvents = {
  customRequest() {},
  businessOperation() {},
};

export function countEvents(metrics: WebappMetrics): AppEvents {
  return {
    customRequest: (endpoint) => metrics.customRequests.inc({ endpoint }),
    businessOperation: (operation_type) => metrics.businessOperations.inc({ operation_type }),
  };
}
