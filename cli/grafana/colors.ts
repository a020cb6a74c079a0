// Grafana threshold colours are names ("yellow", "semi-dark-red") or the palette's hex values.
const families: Record<string, { names: RegExp; hex: string[] }> = {
  yellow: {
    names: /yellow/i,
    hex: ['#eab839', '#fade2a', '#f2cc0c', '#e0b400', '#cc9d00', '#fff899', '#ffee52'],
  },
  red: {
    names: /red/i,
    hex: ['#f2495c', '#e02f44', '#c4162a', '#ad0317', '#ff7383', '#ffa6b0', '#d44a3a', '#bf1b00'],
  },
  green: {
    names: /green/i,
    hex: ['#73bf69', '#56a64b', '#37872d', '#19730e', '#96d98d', '#c8f2c2', '#7eb26d', '#299c46'],
  },
  orange: { names: /orange/i, hex: ['#ff9830', '#ff780a', '#fa6400', '#e55400', '#ffb357', '#ffcb7d'] },
};

export function isColor(color: string, family: string): boolean {
  const f = families[family];
  return f !== undefined && (f.names.test(color) || f.hex.includes(color.trim().toLowerCase()));
}
