// Hostname patterns as users and admins write them ("portal.example.com",
// "*.example.com", even a pasted URL), turned into one normal form and into
// the https match pattern Chrome and Firefox grant and inject by.
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export type PatternResult = { ok: true; pattern: string } | { ok: false; message: string };

export function normalizeSitePattern(input: string): PatternResult {
  let text = input.trim().toLowerCase();
  if (!text) return { ok: false, message: 'Enter a hostname such as portal.example.com or *.example.com.' };
  // A pasted address: keep only its host.
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(text);
  if (scheme) {
    if (!text.startsWith('https://')) return { ok: false, message: 'Only https sites can be added.' };
    text = text.slice('https://'.length);
  }
  text = text.replace(/[/?#].*$/, '').replace(/:\d+$/, '');
  const wildcard = text.startsWith('*.');
  const host = wildcard ? text.slice(2) : text;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    return { ok: false, message: `"${input.trim()}" is not a hostname such as portal.example.com or *.example.com.` };
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return { ok: false, message: 'Add a site by its name, not an IP address.' };
  return { ok: true, pattern: wildcard ? `*.${host}` : host };
}

/** The https match pattern for a normalized site pattern. */
export function matchPatternFor(pattern: string): string {
  return `https://${pattern}/*`;
}

/** "*.example.com" covers example.com and every subdomain; a bare host covers only itself. */
export function hostMatchesPattern(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase();
  if (!pattern.startsWith('*.')) return host === pattern;
  const base = pattern.slice(2);
  return host === base || host.endsWith(`.${base}`);
}

/** True when every host `inner` covers is also covered by `outer`. */
export function patternCovers(outer: string, inner: string): boolean {
  return hostMatchesPattern(inner.replace(/^\*\./, ''), outer) && (outer.startsWith('*.') || !inner.startsWith('*.'));
}
