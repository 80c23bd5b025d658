// Nothing kept: after a whole call session and a browser restart on the same
// profile, with default settings, the extension's storage holds no answer
// text, no patient details and no codes from the pages; nor do its files on disk.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_DETAILS, runCallSession, TYPED_ANSWERS } from './support/call-session';
import { ChromiumSession } from './support/chromium-session';

type Areas = Record<'local' | 'sync' | 'session', Record<string, unknown>>;

const profile = mkdtempSync(join(tmpdir(), 'dnca-privacy-profile-'));
let during: Areas;
let after: Areas;
let typed = 0;

async function readAreas(s: ChromiumSession): Promise<Areas> {
  return s.worker().evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null),
  }));
}

/** Every file under dir whose bytes contain needle. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const bytes = Buffer.from(needle);
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(path);
      else if (st.isFile() && st.size < 50_000_000 && readFileSync(path).includes(bytes)) hits.push(path.slice(dir.length));
    }
  };
  walk(dir);
  return hits;
}

beforeAll(async () => {
  const first = await ChromiumSession.start({ userDataDir: profile });
  try {
    const run = await runCallSession(first);
    typed = run.typed;
    // A choice that is not patient data, and must survive: proves the restart reuses this profile.
    const medicareTab = await first.tabIdOf(run.pages[1]!);
    await first.sendFromExtensionPage({ type: 'page:choose-payer', tabId: medicareTab, payerId: 'medicare' });
    during = await readAreas(first);
  } finally {
    await first.close();
  }
  const second = await ChromiumSession.start({ userDataDir: profile });
  try {
    after = await readAreas(second);
  } finally {
    await second.close();
  }
}, 120_000);

afterAll(() => {
  rmSync(profile, { recursive: true, force: true });
});

describe('after a session and a browser restart, with default settings', () => {
  it('the session did hold page findings (in memory) while it ran', () => {
    const session = JSON.stringify(during.session);
    expect(session).toContain('20561');
    expect(session).toContain('M54.50');
  });

  it("the popup's answers were typed and held in session storage while it ran", () => {
    expect(typed).toBeGreaterThan(0);
    expect(JSON.stringify(during.session)).toContain(TYPED_ANSWERS[0]);
  });

  it('the restart reused the profile: the site payer choice is still there', () => {
    expect(JSON.stringify(after.local)).toContain('"www.novitasphere.com":"medicare"');
  });

  it('local and sync storage hold no answer text, patient details or codes from the pages', () => {
    const kept = JSON.stringify({ local: after.local, sync: after.sync });
    for (const secret of [...TYPED_ANSWERS, ...PAGE_DETAILS]) expect(kept, secret).not.toContain(secret);
  });

  it('session storage is empty after the restart', () => {
    expect(after.session).toEqual({});
  });

  it('no typed answer is anywhere in the profile folder on disk', () => {
    for (const answer of TYPED_ANSWERS) expect(filesContaining(profile, answer), answer).toEqual([]);
  });

  it("no patient detail from the pages is in the extension's own storage folders", () => {
    const dirs = ['Default/Local Extension Settings', 'Default/Sync Extension Settings', 'Default/IndexedDB', 'Default/Local Storage'];
    for (const detail of PAGE_DETAILS.filter((d) => /[A-Z]/.test(d))) {
      const hits = dirs.flatMap((d) => {
        const full = join(profile, d);
        return statSync(full, { throwIfNoEntry: false }) ? filesContaining(full, detail).map((h) => d + h) : [];
      });
      expect(hits, detail).toEqual([]);
    }
  });
});
