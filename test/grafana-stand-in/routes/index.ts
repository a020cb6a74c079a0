import type { Route } from '../http/router.js';
import type { StandInState } from '../state.js';
import { alertRuleRoutes } from './alert-rules.js';
import { dashboardResourceRoutes } from './dashboard-resources.js';
import { dashboardRoutes } from './dashboards.js';
import { dataSourceHealthRoutes } from './datasource-health.js';
import { dataSourceRoutes } from './datasources.js';
import { folderRoutes } from './folders.js';
import { libraryElementRoutes } from './library-elements.js';
import { ruleGroupRoutes } from './rule-groups.js';
import { searchRoutes } from './search.js';
import { userRoutes } from './user.js';

/** Every authenticated route of the stand-in (GET /api/health is handled before authentication). */
export function allRoutes(state: StandInState): Route[] {
  return [
    ...userRoutes(state),
    ...dataSourceRoutes(state),
    ...dataSourceHealthRoutes(state),
    ...searchRoutes(state),
    ...dashboardRoutes(state),
    ...dashboardResourceRoutes(state),
    ...libraryElementRoutes(state),
    ...folderRoutes(state),
    ...alertRuleRoutes(state),
    ...ruleGroupRoutes(state),
  ];
}
