// The one data source plugin the stand-in knows, with what Grafana's plugin store reports for it:
// the core Prometheus plugin (public/app/plugins/datasource/prometheus/plugin.json). Unknown types
// get the fallback logo used in pkg/api/datasources.go.
interface PluginInfo {
  name: string;
  logo: string;
}

const PLUGINS: Record<string, PluginInfo> = {
  prometheus: {
    name: 'Prometheus',
    logo: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
  },
};

export function pluginInfo(type: string): PluginInfo | undefined {
  return PLUGINS[type];
}

export const FALLBACK_LOGO = 'public/img/icn-datasource.svg';
