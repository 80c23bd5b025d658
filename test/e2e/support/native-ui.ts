// Chromium's own dialogs (the permission prompt permissions.request opens)
// are native UI that Playwright and CDP cannot reach, and there is no switch
// that accepts them. Headless Chromium shows the prompt and waits forever. So
// these tests run Chromium headed on a private Xvfb display, read the dialog
// through UI DevTools (--enable-ui-devtools: the views tree with each label's
// text and bounds) and answer it with a real mouse click on the button
// (xdotool), as a user would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { ChromiumSession } from './chromium-session';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface UiNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: UiNode[];
}

interface ReadNode extends UiNode {
  name: string;
  text?: string;
  /** Within the parent view; a widget's are on screen. */
  x: number;
  y: number;
  width: number;
  height: number;
  children: ReadNode[];
}

export interface NativeDialog {
  /** The dialog is the active (focused) widget. */
  active: boolean;
  /** Every label's text in the dialog, in tree order. */
  texts: string[];
  /** Button captions, in tree order. */
  buttons: string[];
}

export class NativeUi {
  private constructor(
    readonly display: string,
    readonly devtoolsPort: number,
    private readonly xvfb: ChildProcess,
  ) {}

  static async start(): Promise<NativeUi> {
    for (const tool of ['/usr/bin/Xvfb', '/usr/bin/xdotool']) {
      if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install -y xvfb xdotool (.ci/run installs them)`);
    }
    const number = 90 + Math.floor(Math.random() * 400);
    const xvfb = spawn('/usr/bin/Xvfb', [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const socket = `/tmp/.X11-unix/X${number}`;
    for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(50);
    if (!existsSync(socket)) {
      xvfb.kill();
      throw new Error(`Xvfb :${number} did not start`);
    }
    return new NativeUi(`:${number}`, 20000 + Math.floor(Math.random() * 20000), xvfb);
  }

  /** Chromium flags for this display's browser. */
  get chromiumArgs(): string[] {
    return [`--enable-ui-devtools=${this.devtoolsPort}`];
  }

  /** The open widgets of one kind (ExtensionInstallDialogView, MenuHost), with label texts. */
  private async tree(widget = 'ExtensionInstallDialogView'): Promise<ReadNode[]> {
    const ws = new WebSocket(`ws://127.0.0.1:${this.devtoolsPort}/0`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    try {
      // One listener answers every request: the tree is read with many requests in flight at once.
      const pending = new Map<number, (result: Record<string, unknown>) => void>();
      ws.on('message', (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
        if (m.id === undefined) return;
        pending.get(m.id)?.(m.result ?? {});
        pending.delete(m.id);
      });
      let id = 0;
      const send = (method: string, params: object = {}) =>
        new Promise<Record<string, unknown>>((resolve) => {
          id += 1;
          pending.set(id, resolve);
          ws.send(JSON.stringify({ id, method, params }));
        });
      const root = ((await send('DOM.getDocument')) as { root: UiNode }).root;
      // A view's properties (its text, its bounds within its parent; a widget's on screen) come as CSS properties.
      const withProps = async (n: UiNode): Promise<ReadNode> => {
        const styles = (await send('CSS.getMatchedStylesForNode', { nodeId: n.nodeId })) as {
          matchedCSSRules?: { rule: { style: { cssProperties: { name: string; value: string }[] } } }[];
        };
        const props = new Map((styles.matchedCSSRules ?? []).flatMap((r) => r.rule.style.cssProperties).map((p) => [p.name, p.value]));
        const num = (k: string) => Number(props.get(k) ?? 0);
        return {
          ...n,
          name: n.attributes?.[n.attributes.indexOf('name') + 1] ?? '',
          text: props.get('Text'),
          x: num('X'),
          y: num('Y'),
          width: num('Width'),
          height: num('Height'),
          children: await Promise.all((n.children ?? []).map(withProps)),
        };
      };
      const widgets: UiNode[] = [];
      const find = (n: UiNode) => {
        if (n.nodeName === 'Widget' && n.attributes?.includes(widget)) widgets.push(n);
        else (n.children ?? []).forEach(find);
      };
      find(root);
      return await Promise.all(widgets.map(withProps));
    } finally {
      ws.close();
    }
  }

  private async dialogs(): Promise<(NativeDialog & { centres: Map<string, { x: number; y: number }> })[]> {
    const widgets = await this.tree().catch(() => []);
    return widgets.map((widget) => {
      const texts: string[] = [];
      const buttons: string[] = [];
      const centres = new Map<string, { x: number; y: number }>();
      const walk = (n: ReadNode, ox: number, oy: number) => {
        const x = ox + n.x;
        const y = oy + n.y;
        if (n.name === 'MdTextButton' && n.text) {
          buttons.push(n.text);
          centres.set(n.text, { x: x + n.width / 2, y: y + n.height / 2 });
        } else if (n.text) texts.push(n.text);
        n.children.forEach((c) => walk(c, x, y));
      };
      // The widget's own x/y are its place on screen; each view's add up below it.
      widget.children.forEach((c) => walk(c, widget.x, widget.y));
      const attrs = widget.attributes ?? [];
      return { active: attrs[attrs.indexOf('active') + 1] === 'true', texts, buttons, centres };
    });
  }

  /** Waits for the extension permission dialog that names `host`, and returns what it says. */
  async waitForPermissionDialog(host: string, timeout = 10_000): Promise<NativeDialog> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const dialog = (await this.dialogs()).find((d) => d.active && d.buttons.length > 0 && d.texts.some((t) => t.includes(host)));
      if (dialog) return dialog;
      await sleep(200);
    }
    throw new Error(`no permission dialog for ${host} appeared`);
  }

  /** Clicks one of the dialog's buttons with the real (X) mouse, where the button is on screen. */
  private async press(host: string, caption: string): Promise<NativeDialog> {
    const dialog = await this.waitForPermissionDialog(host);
    const found = (await this.dialogs()).find((d) => d.texts.some((t) => t.includes(host)));
    const at = found?.centres.get(caption);
    if (!at) throw new Error(`no "${caption}" button; the dialog has ${dialog.buttons.join(', ')}`);
    // Chromium ignores clicks on a dialog that has only just appeared (its guard against a double-click
    // landing on it, about the double-click interval), as it would a user's.
    await sleep(1000);
    await this.xdotool('mousemove', '--sync', String(Math.round(at.x)), String(Math.round(at.y)), 'click', '1');
    // Gone before the next step, so a later wait cannot mistake it for a new one.
    const end = Date.now() + 5000;
    while (Date.now() < end && (await this.dialogs()).length > 0) await sleep(100);
    return { active: dialog.active, texts: dialog.texts, buttons: dialog.buttons };
  }

  allow(host: string): Promise<NativeDialog> {
    return this.press(host, 'Allow');
  }

  deny(host: string): Promise<NativeDialog> {
    return this.press(host, 'Deny');
  }

  /** Waits for a native context menu to be open. */
  async waitForContextMenu(timeout = 5000): Promise<void> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const menus = await this.tree('MenuHost').catch(() => []);
      if (menus.length) return;
      await sleep(100);
    }
    throw new Error('no context menu opened');
  }

  private async xdotool(...args: string[]): Promise<void> {
    await run('/usr/bin/xdotool', args, { env: { ...process.env, DISPLAY: this.display } });
  }

  /** Real key presses to the focused window. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.xdotool('key', '--clearmodifiers', key);
      await sleep(150);
    }
  }

  async stop(): Promise<void> {
    this.xvfb.kill();
    await sleep(100);
  }
}

/** A real-Chromium session shown on its own Xvfb display, so native dialogs and menus can be answered. */
async function startHeadedSession(): Promise<{ s: ChromiumSession; ui: NativeUi; close: () => Promise<void> }> {
  const savedDisplay = process.env.DISPLAY;
  const ui = await NativeUi.start();
  // Playwright hands its own environment to the browser it launches.
  process.env.DISPLAY = ui.display;
  const s = await ChromiumSession.start({ headless: false, args: ui.chromiumArgs }).catch(async (e: unknown) => {
    await ui.stop();
    throw e;
  });
  return {
    s,
    ui,
    async close() {
      await s.close();
      await ui.stop();
      if (savedDisplay === undefined) delete process.env.DISPLAY;
      else process.env.DISPLAY = savedDisplay;
    },
  };
}

/** Registers the suite's beforeAll/afterAll for a headed session; `use` receives it once started. */
export function headedSuite(use: (s: ChromiumSession, ui: NativeUi) => void): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startHeadedSession();
    close = started.close;
    use(started.s, started.ui);
  });
  afterAll(async () => {
    await close?.();
  });
}
