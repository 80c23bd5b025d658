// Isolation in real Chromium. Code run in a content script's isolated world
// (what a content script compromised by a hostile page could do) must not
// read another tab's state, change settings or rules, or trigger the popup's
// actions; the page's own world can neither message the extension nor see
// into the overlay; nothing goes through window.postMessage.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_DIR } from '../../scripts/lib/launch-chromium.mjs';
import { PageMessageSchema } from '../../src/core/messages';
import { ChromiumSession } from './support/chromium-session';
import { contentWorld, overlayButtons, type ContentWorld } from './support/extension-probe';

let s: ChromiumSession;
let attacker: Page;
let victim: Page;
let world: ContentWorld;
let victimTab: number;

// Runs in every page before its scripts: records window messages and any shadow root attached through the page's prototypes.
const PAGE_SPY = `
  window.__messages = [];
  window.addEventListener('message', (e) => window.__messages.push(String(e.data)), true);
  window.__roots = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const r = attach.call(this, init); window.__roots.push(r); return r; };
`;

const storageSnapshot = () =>
  s.worker().evaluate(async () => JSON.stringify({ local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null) }));

beforeAll(async () => {
  s = await ChromiumSession.start();
  await s.context.addInitScript(PAGE_SPY);
  victim = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
  await s.waitForTabState(victim, (st) => st.codes.includes('20561'));
  await s.waitForOverlay(victim);
  victimTab = await s.tabIdOf(victim);
  attacker = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
  await s.waitForTabState(attacker, (st) => st.codes.includes('20560'));
  world = await contentWorld(s.context, attacker, s.extensionId);
});

afterAll(async () => {
  await world?.detach();
  await s?.close();
});

/** A valid payload for every message only extension pages may send, aimed at the victim tab. */
function privilegedMessages(): unknown[] {
  const fields: Record<string, unknown> = { tabId: () => victimTab, payerId: 'aetna' };
  return PageMessageSchema.options.map((option) => {
    const message: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(option.shape)) {
      if (key === 'type') message.type = (field as { value: string }).value;
      else message[key] = typeof fields[key] === 'function' ? (fields[key] as () => unknown)() : fields[key];
    }
    const parsed = PageMessageSchema.safeParse(message);
    if (!parsed.success) throw new Error(`no valid test payload for ${String(message.type)}: add its fields to privilegedMessages()`);
    return message;
  });
}

describe('a content script speaks only for its own tab', () => {
  it('every popup/options message sent from a content script is refused and changes nothing', async () => {
    const before = await storageSnapshot();
    const victimBefore = await s.tabState(victim);
    const overlayBefore = await s.overlay(victim);
    const messages = privilegedMessages();
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const message of messages) {
      const answer = await world.evaluate(
        `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((a) => JSON.stringify(a ?? null), (e) => 'error: ' + e.message)`,
      );
      const type = (message as { type: string }).type;
      expect(String(answer), type).not.toContain('20561');
      expect(String(answer), type).not.toContain('M54.50');
      expect(String(answer), `${type} was carried out`).not.toBe('true');
    }
    await attacker.waitForTimeout(500);
    expect(await storageSnapshot()).toBe(before);
    expect(await s.tabState(victim)).toEqual(victimBefore);
    expect(await s.overlay(victim)).toEqual(overlayBefore);
  });

  // Reports come over the port each content script holds: it leads to the content handlers only.
  it('the same messages posted on the content port are carried out as content messages only, and change nothing', async () => {
    const before = await storageSnapshot();
    const victimBefore = await s.tabState(victim);
    const messages = [...privilegedMessages(), { type: 'content:report', tabId: victimTab, report: { url: victim.url(), codes: [{ code: '20560' }], diagnoses: [], payer: null } }];
    const answers = await world.evaluate<string[]>(`new Promise((done) => {
      const port = chrome.runtime.connect({ name: 'content-alive' });
      const heard = [];
      port.onMessage.addListener((m) => heard.push(JSON.stringify(m)));
      // As objects, and as the JSON text content scripts post.
      for (const m of ${JSON.stringify(messages)}) { port.postMessage(m); port.postMessage(JSON.stringify(m)); }
      setTimeout(() => { port.disconnect(); done(heard); }, 500);
    })`);
    // Nothing answers on the port, and the report (about the attacker's own tab) does not reach the victim's.
    expect(answers).toEqual([]);
    expect(await storageSnapshot()).toBe(before);
    expect(await s.tabState(victim)).toEqual(victimBefore);
  });

  it("a content script's own report cannot name another tab: the victim's state is untouched", async () => {
    const victimBefore = await s.tabState(victim);
    const report = { url: victim.url(), codes: [{ code: '20560' }], diagnoses: ['Z00.00'], payer: null };
    await world.evaluate(`chrome.runtime.sendMessage({ type: 'content:report', tabId: ${victimTab}, report: ${JSON.stringify(report)} })`);
    await attacker.waitForTimeout(300);
    expect(await s.tabState(victim)).toEqual(victimBefore);
  });

  it('a content script cannot read per-tab findings from session storage', async () => {
    const answer = await world.evaluate<string>(`chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)`);
    expect(answer).toMatch(/^refused/);
  });

  it('a content script cannot write settings or rules into local or sync storage directly', async () => {
    const before = await storageSnapshot();
    const tries = await world.evaluate<string[]>(`Promise.all([
      chrome.storage.local.set({ settings: { version: 1, highlights: false, overlayExpanded: true, keepAnswers: true, sitePayer: {}, hiddenSites: ['www.novitasphere.com'] } }),
      chrome.storage.local.set({ userRules: { forged: true } }),
      chrome.storage.sync.set({ forged: true }),
    ].map((p) => p.then(() => 'written', (e) => 'refused: ' + e.message)))`);
    expect(tries.every((t) => t.startsWith('refused'))).toBe(true);
    expect(await storageSnapshot()).toBe(before);
  });
});

describe("the page's own world", () => {
  it('cannot message the extension', async () => {
    const result = await attacker.evaluate(async (id) => {
      const rt = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome?.runtime;
      if (!rt?.sendMessage) return 'no runtime';
      try {
        return `answered ${JSON.stringify(await rt.sendMessage(id, { type: 'tab-state', tabId: 1 }))}`;
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    }, s.extensionId);
    expect(result).not.toMatch(/^answered/);
  });

  it('cannot read the overlay: closed root, not serializable, not caught by a patched attachShadow', async () => {
    const seen = await victim.evaluate(() => {
      const host = document.querySelector('dnca-overlay') as HTMLElement | null;
      const w = window as unknown as { __roots: ShadowRoot[] };
      return {
        host: !!host,
        shadowRoot: host?.shadowRoot ?? null,
        html: host ? (host as unknown as { getHTML(o: object): string }).getHTML({ serializableShadowRoots: true }) : 'no host',
        text: document.documentElement.textContent ?? '',
        caughtRoots: w.__roots.filter((r) => r.host === host).length,
      };
    });
    expect(seen.host).toBe(true);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.html).toBe('');
    expect(seen.caughtRoots).toBe(0);
    // The overlay does show these words; the page's text does not include them.
    expect((await s.overlay(victim))?.text).toContain('chronic low back pain');
    expect(seen.text).not.toContain('chronic low back pain');
  });

  it('receives no window messages from the extension, through a whole overlay interaction', async () => {
    const buttons = await overlayButtons(s.context, victim);
    await buttons.click(/20561/);
    await buttons.detach();
    await s.waitForOverlay(victim, (o) => !!o && o.text.includes('Criteria'));
    for (const page of [victim, attacker]) expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);
  });

  it('the content script and the overlay neither post to nor listen on window messages', () => {
    const bundle = ['content.js', 'overlay.js'].map((file) => readFileSync(join(CHROME_EXTENSION_DIR, file), 'utf8')).join('\n');
    // A private MessageChannel (used to yield to the page) is fine: its ports reach no one else. So is the
    // runtime.Port the content script keeps in a private field (context.ts): it reaches the extension only.
    const posts = bundle.match(/.{0,40}(?<!port[12]|this\.#\w+)\.postMessage\(.{0,20}/g) ?? [];
    const listens = bundle.match(/.{0,40}(?:addEventListener\(\s*["']message["']|\bonmessage\s*=)(?<!port[12]\.onmessage\s*=).{0,20}/g) ?? [];
    expect([...posts, ...listens]).toEqual([]);
    // That port is the only thing posted to from a private field: another would need the same look as this one.
    expect(bundle.match(/this\.#\w+\.postMessage\(/g)).toHaveLength(1);
  });

  it('no uncaught errors on any page', () => {
    expect(s.errors).toEqual([]);
  });
});
