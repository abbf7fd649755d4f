// Reads one value of the router's Prometheus metrics (GET /metrics), as a scraper would.
export async function routerMetric(httpOrigin: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${httpOrigin}/metrics`)).text();
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0] ?? '';
    if (wanted.every((pair) => labelText.includes(pair))) return Number(line.split(' ').at(-1));
  }
  return 0;
}
