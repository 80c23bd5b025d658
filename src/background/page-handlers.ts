// Messages from extension pages (popup, options): the only ones that may
// name a tab or act on it.
import { PageMessageSchema } from '../core/messages';
import browser from '../shared/browser';
import { summaryLine } from '../core/engine';
import { choosePayer, hostnameOf, notesFor, refreshTab, tabState } from './tab-refresh';
import { callFacts } from './call-facts';
import { currentRules } from './rules-store';
import type { RulesView } from '../core/messages';

function rulesView(): RulesView {
  const rules = currentRules();
  const medicare = rules.payers.find((p) => p.program);
  return {
    payers: rules.payers.map(({ id, name }) => ({ id, name })),
    appeals: rules.appeals,
    medicare: medicare?.program ? { program: medicare.program, sources: medicare.sources } : null,
  };
}

export async function onPageMessage(raw: unknown): Promise<unknown> {
  const parsed = PageMessageSchema.safeParse(raw);
  if (!parsed.success) return { error: 'invalid message' };
  const message = parsed.data;
  switch (message.type) {
    case 'tab-state':
      return tabState(message.tabId);
    case 'page:notes': {
      const state = await tabState(message.tabId);
      // The popup is the call workspace: its visit tracker decides the visit-limits criterion there.
      // The overlay describes the page, which may be another patient, so it never sees the call's visits.
      const notes = notesFor(state, await callFacts(state));
      return { state, notes, summary: summaryLine(notes) };
    }
    case 'page:scan-tab':
      // activeTab (granted by opening the popup) lets us inject once into a page outside the listed portals.
      await browser.scripting.executeScript({ target: { tabId: message.tabId }, files: ['content.js'] });
      return true;
    case 'page:choose-payer': {
      const state = await tabState(message.tabId);
      await choosePayer(hostnameOf(state.url), message.payerId);
      await refreshTab(message.tabId);
      return true;
    }
    case 'page:rules':
      return rulesView();
    case 'page:toggle-overlay':
      await browser.tabs.sendMessage(message.tabId, { type: 'bg:toggle-overlay' }, { frameId: 0 }).catch(() => undefined);
      return true;
  }
}

