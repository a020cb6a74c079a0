// What the stand-in keeps in memory: roughly Grafana's database rows (org 1 only).

export interface StoredDataSource {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: string;
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  /** secureJsonData values are write-only in Grafana; the API shows only their keys. */
  secureJsonData: Record<string, string>;
  version: number;
  readOnly: boolean;
  apiVersion: string;
}

export interface StoredFolder {
  /** Folders and dashboards share one id sequence and one uid namespace (the `dashboard` table). */
  id: number;
  uid: string;
  title: string;
  description: string;
  parentUid: string;
  version: number;
  created: Date;
  updated: Date;
}

export interface StoredDashboard {
  id: number;
  uid: string;
  title: string;
  folderUid: string;
  version: number;
  /** The JSON model as saved, with id, uid and version written into it like Grafana does. */
  data: Record<string, unknown>;
  /**
   * Set when the dashboard is stored as v2 (Grafana 13's UI saves it so): the v2beta1 spec. The
   * classic GET then answers 406; `data` keeps only what search needs.
   */
  v2?: Record<string, unknown>;
  created: Date;
  updated: Date;
}

export interface StoredAlertQuery {
  refId: string;
  queryType: string;
  relativeTimeRange: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

export interface StoredAlertRule {
  id: number;
  uid: string;
  folderUID: string;
  ruleGroup: string;
  ruleGroupIndex: number;
  title: string;
  condition: string;
  data: StoredAlertQuery[];
  updated: Date;
  noDataState: string;
  execErrState: string;
  forMs: number;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** "" (none), "api" or "file". */
  provenance: string;
  isPaused: boolean;
  notificationSettings: Record<string, unknown> | null;
  /** Rule-group evaluation interval, kept on every rule of the group as Grafana does. */
  intervalSeconds: number;
}

export interface StoredLibraryElement {
  id: number;
  uid: string;
  name: string;
  folderUid: string;
  /** The panel's JSON model. */
  model: Record<string, unknown>;
  version: number;
}

export interface Db {
  libraryElements: StoredLibraryElement[];
  dataSources: StoredDataSource[];
  folders: StoredFolder[];
  dashboards: StoredDashboard[];
  alertRules: StoredAlertRule[];
  nextId: { dataSource: number; dashboard: number; alertRule: number };
}

export function emptyDb(): Db {
  return {
    libraryElements: [],
    dataSources: [],
    folders: [],
    dashboards: [],
    alertRules: [],
    nextId: { dataSource: 1, dashboard: 1, alertRule: 1 },
  };
}
