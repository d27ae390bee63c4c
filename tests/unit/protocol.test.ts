import { describe, expect, it } from 'vitest';
import { classifySender } from '@/utils/background/senders';
import { parseContentCommand } from '@/utils/content/command-handler';
import { ContentEvent, PanelRequest, PortClientMessage } from '@/utils/messaging/protocol';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('sender checks', () => {
  it('treats the side panel as an extension page, even when opened in a tab', () => {
    expect(
      classifySender({ id: ID, url: `${ORIGIN}/sidepanel.html?tabId=4`, tab: { id: 9 } }, ID, ORIGIN),
    ).toBe('extension-page');
    expect(classifySender({ id: ID, url: `${ORIGIN}/options.html` }, ID, ORIGIN)).toBe('extension-page');
  });
  it('treats our script inside a web page as a content script', () => {
    expect(
      classifySender({ id: ID, url: 'https://acme.zendesk.com/agent/tickets/1', tab: { id: 3 } }, ID, ORIGIN),
    ).toBe('content-script');
  });
  it('rejects other extensions and senders without a tab or extension URL', () => {
    expect(classifySender({ id: 'other', url: `${ORIGIN}/sidepanel.html` }, ID, ORIGIN)).toBe('foreign');
    expect(classifySender({ id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBe('foreign');
    // An id that merely starts with ours is another extension's origin.
    expect(classifySender({ id: ID, url: `${ORIGIN}xyz/sidepanel.html` }, ID, ORIGIN)).toBe('foreign');
    // A page URL that merely contains our origin as a path is not our origin.
    expect(
      classifySender({ id: ID, url: `https://evil.example/${ORIGIN}`, tab: { id: 1 } }, ID, ORIGIN),
    ).toBe('content-script');
  });
});

describe('panel protocol', () => {
  it('accepts well-formed requests', () => {
    expect(PanelRequest.safeParse({ type: 'ticket/read', tabId: 3 }).success).toBe(true);
    expect(
      PanelRequest.safeParse({ type: 'reply/insert', tabId: 3, ticketKey: 'zendesk:a:1', text: 'Hi' })
        .success,
    ).toBe(true);
  });
  it.each([
    [{ type: 'ticket/read', tabId: -1 }],
    [{ type: 'ticket/read', tabId: '3' }],
    [{ type: 'reply/insert', tabId: 3, ticketKey: 'k', text: '' }],
    [{ type: 'reply/insert', tabId: 3, ticketKey: 'k', text: 'x'.repeat(100_001) }],
    [{ type: 'llm/raw-prompt', prompt: 'anything' }],
    [null],
    ['ticket/read'],
  ])('rejects malformed request %j', (message) => {
    expect(PanelRequest.safeParse(message).success).toBe(false);
  });
  it('has no message through which a content script could start a model call', () => {
    // The content allow-list is exactly one event; a generation request shaped as a content event fails.
    expect(
      ContentEvent.safeParse({ type: 'content/ticket-changed', ticketId: '5', url: 'https://x' }).success,
    ).toBe(true);
    expect(ContentEvent.safeParse({ type: 'start', kind: 'draft', tabId: 1, ticketKey: 'k' }).success).toBe(
      false,
    );
    expect(
      ContentEvent.safeParse({ type: 'reply/insert', tabId: 1, ticketKey: 'k', text: 'x' }).success,
    ).toBe(false);
  });
  it('validates generation port messages', () => {
    expect(
      PortClientMessage.safeParse({ type: 'start', kind: 'summary', tabId: 1, ticketKey: 'k' }).success,
    ).toBe(true);
    expect(
      PortClientMessage.safeParse({ type: 'start', kind: 'poem', tabId: 1, ticketKey: 'k' }).success,
    ).toBe(false);
    expect(
      PortClientMessage.safeParse({ type: 'start', kind: 'draft', tabId: 1, ticketKey: 'k', prompt: 'x' })
        .success,
    ).toBe(
      true, // extra keys are stripped by zod objects, never used
    );
    expect(
      PortClientMessage.parse({ type: 'start', kind: 'draft', tabId: 1, ticketKey: 'k', prompt: 'x' }),
    ).not.toHaveProperty('prompt');
  });
});

describe('content command parsing (hand-written, zod-free)', () => {
  it('accepts the three commands', () => {
    expect(parseContentCommand({ type: 'content/extract' })).toEqual({ type: 'content/extract' });
    expect(
      parseContentCommand({ type: 'content/insert', ticketId: '1', text: 'Hi', bridgeNonce: null }),
    ).toEqual({
      type: 'content/insert',
      ticketId: '1',
      text: 'Hi',
      bridgeNonce: null,
      // No mode from an older background: the caret, never a replace.
      mode: 'caret',
      confirmReplace: false,
    });
  });
  it.each([
    [{ type: 'content/insert', ticketId: 1, text: 'Hi', bridgeNonce: null }],
    [{ type: 'content/insert', ticketId: '1', text: '', bridgeNonce: null }],
    [{ type: 'content/insert', ticketId: '1', text: 'Hi', bridgeNonce: 'has spaces and "quotes"' }],
    [{ type: 'content/eval', code: 'alert(1)' }],
    [undefined],
  ])('rejects %j', (message) => {
    expect(parseContentCommand(message)).toBeNull();
  });
});
