// The overlay bundle's entry: the background injects it into the top frame
// when the tab first has codes to show. It takes over from the content
// script's link and replays what arrived before it was loaded.
import { linkSlot, LINK_KEY } from '../overlay-link';
import { OverlayController } from './controller';

const link = linkSlot()[LINK_KEY];
// No content script in this document (the page moved on), or injected twice: nothing to do.
if (link) link.attach(new OverlayController(link.ctx, link.config, link.ranges));
