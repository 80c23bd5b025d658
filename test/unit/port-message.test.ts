// Reports come over a content script's port as JSON text; the background
// turns the text back into a message and checks it like any other.
import { describe, expect, it } from 'vitest';
import { ContentMessageSchema, portMessageFromText } from '../../src/core/messages';

describe('portMessageFromText', () => {
  it('turns JSON text back into the message it was made from, which the content schema then accepts', () => {
    const message = { type: 'content:report', report: { url: 'https://portal.example/claims', codes: [{ code: '20561', dateOfService: '2026-03-04' }], diagnoses: ['M79.18'], payer: null } };
    const parsed = portMessageFromText(JSON.stringify(message));
    expect(parsed).toEqual(message);
    expect(ContentMessageSchema.safeParse(parsed).success).toBe(true);
  });

  it('gives nothing for anything that is not JSON text, objects included', () => {
    expect(portMessageFromText({ type: 'content:report' })).toBeUndefined();
    expect(portMessageFromText('{"type": "content:report"')).toBeUndefined();
    expect(portMessageFromText(42)).toBeUndefined();
    expect(portMessageFromText(null)).toBeUndefined();
  });

  it('leaves the checking to the schema: well-formed text of a message no content script may send is parsed, then refused', () => {
    const parsed = portMessageFromText(JSON.stringify({ type: 'page:scan-tab', tabId: 3 }));
    expect(parsed).toEqual({ type: 'page:scan-tab', tabId: 3 });
    expect(ContentMessageSchema.safeParse(parsed).success).toBe(false);
  });
});
