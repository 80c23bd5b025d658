// Content script entry: scans the frame, reports to the background, and in
// the top frame shows the overlay with the notes the background sends back.
import { ext as browser } from '../shared/native-api';
import { PageWatcher } from './page-watcher';
import { OverlayLoader } from './overlay-loader';
import { ExtensionContext } from './context';

// A script injected twice into one document (manifest plus "Scan this page")
// shares one isolated world, so the first one's context kept there makes the
// second a no-op. Unless the first is an orphan of the extension before an
// update that has not noticed yet (see ExtensionContext.watch): asking it
// tears it down, and the new script starts.
const FLAG = '__dncaContentScript';
const scope = globalThis as unknown as Record<string, ExtensionContext | undefined>;

if (!scope[FLAG]?.alive) {
  const ctx = new ExtensionContext();
  scope[FLAG] = ctx;
  void start(ctx);
}

async function start(ctx: ExtensionContext): Promise<void> {
  const config = await ctx.send({ type: 'content:hello' });
  if (!config) return;
  const isTop = window === window.top;
  let overlay: OverlayLoader | null = null;
  const watcher = new PageWatcher(ctx, config, { onNavigate: () => overlay?.onNavigate() });
  if (isTop) overlay = new OverlayLoader(ctx, config, () => watcher.ranges());
  ctx.onInvalidated(() => {
    watcher.stop();
    overlay?.destroy();
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const m = message as { type?: string; on?: unknown };
    if (m.type === 'bg:rescan') watcher.scanNow();
    else if (m.type === 'bg:highlights') {
      if (typeof m.on === 'boolean') watcher.setHighlights(m.on);
    } else overlay?.handlePush(message);
    return undefined;
  });
  watcher.start();
}
