import { createBridgeClient } from '../helpdesks/bridge-client';
import { diagnosePage } from '../helpdesks/diagnose';
import { containsAcrossFrames, hiddenTextTally } from '../helpdesks/dom';
import type { FocusTracker } from '../helpdesks/focus-tracker';
import { createInsertSession, type InsertSession } from '../helpdesks/insert-session';
import type { HelpdeskAdapter } from '../helpdesks/types';
import { NoTicketError } from '../helpdesks/types';
import { t } from '../i18n/t';
import type {
  ContentCommand,
  ContentDiagnosis,
  ContentExtractReply,
  InsertMode,
  InsertResult,
  UndoInsertResult,
} from '../messaging/protocol';
import { sameOriginJsonFetcher } from './fetch-json';

// The content script's answers to the background. Kept apart from the entrypoint so it is testable.
// Hand-written shape checks instead of zod keep the content bundle small; the background validates
// everything it gets back with the real schemas.

/** The ticket with the count of hidden text its reader left out, when it left out any (shown on the ticket card). */
export function withHiddenTextCount<T extends object>(ticket: T, hiddenChars: number): T {
  return hiddenChars > 0 ? { ...ticket, hiddenTextChars: hiddenChars } : ticket;
}

const INSERT_MODES: readonly InsertMode[] = ['caret', 'append', 'replace'];

function isBridgeNonce(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && /^[a-z0-9]{16,64}$/.test(value));
}

export function parseContentCommand(message: unknown): ContentCommand | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'content/extract':
    case 'content/ping':
    case 'content/diagnose':
      return { type: m.type };
    case 'content/insert': {
      if (typeof m.ticketId !== 'string' || typeof m.text !== 'string' || m.text.length === 0) return null;
      if (m.text.length > 100_000) return null;
      if (!isBridgeNonce(m.bridgeNonce)) return null;
      // An older background sends no mode: the caret, as before.
      const mode = m.mode === undefined ? 'caret' : INSERT_MODES.find((x) => x === m.mode);
      if (!mode) return null;
      if (m.confirmReplace !== undefined && typeof m.confirmReplace !== 'boolean') return null;
      return {
        type: 'content/insert',
        ticketId: m.ticketId,
        text: m.text,
        bridgeNonce: m.bridgeNonce,
        mode,
        confirmReplace: m.confirmReplace === true,
      };
    }
    case 'content/undo-insert':
      if (typeof m.ticketId !== 'string' || !isBridgeNonce(m.bridgeNonce)) return null;
      return { type: 'content/undo-insert', ticketId: m.ticketId, bridgeNonce: m.bridgeNonce };
    default:
      return null;
  }
}

/** The page's inserts (what "Undo insert" acts on) when the caller keeps none of its own. */
const pageInserts = createInsertSession();

export interface CommandEnv {
  adapter: HelpdeskAdapter;
  doc: Document;
  location: Location;
  focus: FocusTracker;
  /** Defaults to the page's one session; tests pass their own. */
  inserts?: InsertSession;
}

export async function handleContentCommand(
  command: ContentCommand,
  env: CommandEnv,
): Promise<
  ContentExtractReply | InsertResult | UndoInsertResult | ContentDiagnosis | { ok: true; helpdesk: string }
> {
  const { adapter, doc } = env;
  const inserts = env.inserts ?? pageInserts;
  const url = new URL(env.location.href);
  if (command.type === 'content/ping') return { ok: true, helpdesk: adapter.id };
  if (command.type === 'content/diagnose') return diagnosePage(adapter, doc, url);

  if (command.type === 'content/extract') {
    try {
      hiddenTextTally.reset();
      const ticket = await adapter.extract({ doc, url, fetchJson: sameOriginJsonFetcher(url.origin) });
      return { ok: true, ticket: withHiddenTextCount(ticket, hiddenTextTally.chars) };
    } catch (error) {
      if (error instanceof NoTicketError) {
        return { ok: false, code: 'no-ticket', message: error.message, helpdesk: adapter.name };
      }
      return {
        ok: false,
        code: 'read-failed',
        message: t(
          'error_helpdesk_read_failed_detail',
          adapter.name,
          (error as Error)?.message ?? String(error),
        ),
        helpdesk: adapter.name,
      };
    }
  }

  // Insert / undo: re-resolve the active ticket right now; the agent may have switched tickets since the panel
  // read it.
  const activeId = adapter.ticketId(url, doc);
  if (activeId !== command.ticketId) {
    return {
      ok: false,
      code: 'ticket-changed',
      message: t(
        command.type === 'content/undo-insert'
          ? 'error_ticket_switched_undo'
          : 'error_ticket_switched_insert',
        adapter.name,
        activeId ? `#${activeId}` : t('error_ticket_none'),
      ),
    };
  }
  if (command.type === 'content/undo-insert') {
    const bridge = command.bridgeNonce ? createBridgeClient(command.bridgeNonce) : null;
    const undone = await inserts.undo(activeId, bridge);
    return undone.ok ? { ok: true, helpdesk: adapter.name } : undone;
  }
  const composerOfTicket = adapter.findComposer(doc, activeId);
  const remembered = env.focus.last(
    (el) =>
      !!composerOfTicket && (containsAcrossFrames(composerOfTicket, el) || el.contains(composerOfTicket)),
  );
  // An editor inside a frame (TinyMCE's iframe) is driven through the frame element the adapter found; its caret
  // stays in the frame's document.
  const composer =
    remembered && remembered.ownerDocument === composerOfTicket?.ownerDocument
      ? remembered
      : composerOfTicket;
  if (!composer) {
    return {
      ok: false,
      code: 'no-composer',
      message: t('error_no_composer', adapter.name, activeId),
    };
  }
  const bridge = command.bridgeNonce ? createBridgeClient(command.bridgeNonce) : null;
  // Caret mode: where the agent last clicked in this composer is where the reply goes; if they never did, append.
  const result = await inserts.insert(composer, {
    key: activeId,
    text: command.text,
    mode: command.mode,
    confirmReplace: command.confirmReplace,
    agentPlacedCaret: remembered !== null,
    bridge,
  });
  if (result.ok)
    return { ok: true, method: result.outcome.method, helpdesk: adapter.name, undo: result.undo };
  if (result.code === 'needs-confirmation') return result;
  return {
    ok: false,
    code: result.code === 'not-verified' ? 'not-verified' : 'failed',
    message: t('error_insert_where', result.message, result.editorKind, adapter.name),
  };
}
