/**
 * One colour per cluster, the same in every table and log line. Selected clusters get distinct
 * palette colours in selection order (`assignClusterColours`); any other id gets a colour from
 * its hash.
 */

const PALETTE = [
  '#2f81f7',
  '#d4761b',
  '#2da44e',
  '#bf3989',
  '#8250df',
  '#1b9aaa',
  '#cf222e',
  '#9a6700',
  '#57606a',
  '#0550ae',
];

let assigned = new Map<string, string>();
let configured: ReadonlyMap<string, string> = new Map();

/** Colours a person gave clusters in the per-cluster settings; they win over the palette. */
export function setConfiguredColours(colours: ReadonlyMap<string, string>): void {
  configured = colours;
}

/** Gives the selected clusters distinct colours, in the order the user chose them. */
export function assignClusterColours(clusterIds: readonly string[]): void {
  assigned = new Map(
    clusterIds.map((id, index) => [id, PALETTE[index % PALETTE.length] ?? '#888']),
  );
}

export function clusterColour(clusterId: string): string {
  const colour = configured.get(clusterId) ?? assigned.get(clusterId);
  if (colour) return colour;
  let hash = 2166136261;
  for (const char of clusterId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `hsl(${(hash * 137.508) % 360} 60% 48%)`;
}
