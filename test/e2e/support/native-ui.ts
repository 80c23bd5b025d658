// Chromium's own dialogs (the permission prompt permissions.request opens)
// are native UI that Playwright and CDP cannot reach, and there is no switch
// that accepts them. Headless Chromium shows the prompt and waits forever. So
// these tests run Chromium headed on a private Xvfb display, read the dialog
// through UI DevTools (--enable-ui-devtools: the views tree with each label's
// text) and answer it with real key presses (xdotool), as a user would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import WebSocket from 'ws';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface UiNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: UiNode[];
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
  private async tree(widget = 'ExtensionInstallDialogView'): Promise<UiNode> {
    const ws = new WebSocket(`ws://127.0.0.1:${this.devtoolsPort}/0`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    try {
      let id = 0;
      const send = (method: string, params: object = {}) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const mine = ++id;
          const onMessage = (data: WebSocket.RawData) => {
            const m = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
            if (m.id === mine) {
              ws.off('message', onMessage);
              resolve(m.result ?? {});
            }
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id: mine, method, params }));
        });
      const root = ((await send('DOM.getDocument')) as { root: UiNode }).root;
      // Label texts are view properties, which UI DevTools serves as CSS properties.
      const withText = async (n: UiNode): Promise<UiNode & { text?: string }> => {
        const name = n.attributes?.[n.attributes.indexOf('name') + 1];
        let text: string | undefined;
        if (name === 'Label' || name === 'MdTextButton') {
          const styles = (await send('CSS.getMatchedStylesForNode', { nodeId: n.nodeId })) as {
            matchedCSSRules?: { rule: { style: { cssProperties: { name: string; value: string }[] } } }[];
          };
          text = styles.matchedCSSRules?.flatMap((r) => r.rule.style.cssProperties).find((p) => p.name === 'Text')?.value;
        }
        return { ...n, text, children: await Promise.all((n.children ?? []).map(withText)) };
      };
      const widgets: UiNode[] = [];
      const find = (n: UiNode) => {
        if (n.nodeName === 'Widget' && n.attributes?.includes(widget)) widgets.push(n);
        else (n.children ?? []).forEach(find);
      };
      find(root);
      return { nodeId: 0, nodeName: 'widgets', children: await Promise.all(widgets.map(withText)) };
    } finally {
      ws.close();
    }
  }

  private async dialogs(): Promise<NativeDialog[]> {
    const found = await this.tree().catch(() => null);
    return (found?.children ?? []).map((dialog) => {
      const texts: string[] = [];
      const buttons: string[] = [];
      const walk = (n: UiNode & { text?: string }) => {
        const name = n.attributes?.[n.attributes.indexOf('name') + 1];
        if (n.text) (name === 'MdTextButton' ? buttons : texts).push(n.text);
        (n.children ?? []).forEach(walk);
      };
      walk(dialog);
      const attrs = dialog.attributes ?? [];
      return { active: attrs[attrs.indexOf('active') + 1] === 'true', texts, buttons };
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

  private async answer(host: string, keys: string[]): Promise<NativeDialog> {
    const dialog = await this.waitForPermissionDialog(host);
    // Keys sent the moment the dialog is built can land before it takes focus.
    await sleep(400);
    await this.keys(...keys);
    // Gone before the next step, so a later wait cannot mistake it for a new one.
    const end = Date.now() + 5000;
    while (Date.now() < end && (await this.dialogs()).length > 0) await sleep(100);
    return dialog;
  }

  /**
   * Accepts from the keyboard. Chromium focuses "Deny" (the default button)
   * and "Allow" follows it, so Tab then Enter: the keys a keyboard-only user presses.
   */
  async allow(host: string): Promise<NativeDialog> {
    const dialog = await this.waitForPermissionDialog(host);
    if (dialog.buttons.join(',') !== 'Deny,Allow') throw new Error(`unexpected dialog buttons: ${dialog.buttons.join(', ')}`);
    return this.answer(host, ['Tab', 'Return']);
  }

  async deny(host: string): Promise<NativeDialog> {
    return this.answer(host, ['Escape']);
  }

  /** Waits for a native context menu to be open. */
  async waitForContextMenu(timeout = 5000): Promise<void> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const menus = await this.tree('MenuHost').catch(() => null);
      if (menus?.children?.length) return;
      await sleep(100);
    }
    throw new Error('no context menu opened');
  }

  /** Real key presses to the focused window (the dialog, when it is open). */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await run('/usr/bin/xdotool', ['key', '--clearmodifiers', key], { env: { ...process.env, DISPLAY: this.display } });
      await sleep(150);
    }
  }

  async stop(): Promise<void> {
    this.xvfb.kill();
    await sleep(100);
  }
}
