// The anchors GitHub gives a Markdown document's headings, as links to `README.md#anchor` use them.

/** GitHub's rule: lower case, punctuation dropped (hyphens and underscores kept), spaces become hyphens; a repeat gets -1, -2 ... */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inCodeFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inCodeFence = !inCodeFence;
    const heading = inCodeFence ? null : /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const slug = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const repeats = seen.get(slug) ?? 0;
    seen.set(slug, repeats + 1);
    anchors.add(repeats === 0 ? slug : `${slug}-${repeats}`);
  }
  return anchors;
}
