import { t } from '../i18n/t';
import type { BridgeClient } from './bridge-client';
import { isTextField } from './editor-kind';
import { bridgeTokenOf, type InsertTrace, readBack } from './insert';
import { UNDO_STEPS, type UndoStep } from './insert-modes';
import { compactText } from './reply-html';

// Undo Deskmate's last insert through the editor's own undo, and only that insert: refused when the editor's text
// is no longer what the insert left (the agent typed since), and verified by reading the editor back. A step that
// overshoots (the editor's history had merged the agent's typing into the same undo step) is redone, so the agent
// loses nothing.

export type UndoOutcome =
  | { ok: true }
  | {
      ok: false;
      code: 'changed-since' | 'not-restored' | 'unsupported' | 'nothing-to-undo' | 'failed';
      message: string;
    };

export interface UndoOptions {
  bridge?: BridgeClient | null;
  /** ms to wait for the undo to show in the read-back. */
  verifyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** True when the editor kind has an undo Deskmate can drive. */
export function canUndo(trace: Pick<InsertTrace, 'editorKind' | 'snapshot'>): boolean {
  const steps = UNDO_STEPS[trace.editorKind];
  return steps.some((s) => s !== 'snapshot' || trace.snapshot !== null);
}

function dispatchHistory(editable: HTMLElement, inputType: 'historyUndo' | 'historyRedo'): void {
  editable.dispatchEvent(new InputEvent('beforeinput', { inputType, bubbles: true, cancelable: true }));
}

/** Writes a textarea's value the way React sees it (the prototype's setter) and tells the page. */
function setFieldValue(field: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  const proto = Object.getPrototypeOf(field) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

function restoreSnapshot(trace: InsertTrace, value: string): void {
  const { editable } = trace;
  if (isTextField(editable)) {
    setFieldValue(editable, value);
    return;
  }
  // A bare contenteditable: its DOM is its model (no editor library owns it), so this is its own state.
  editable.innerHTML = value;
  editable.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Runs one undo (or redo) step; false when the step cannot run here. */
async function runUndoStep(
  step: UndoStep,
  trace: InsertTrace,
  bridge: BridgeClient | null | undefined,
  direction: 'undo' | 'redo',
): Promise<boolean> {
  switch (step) {
    case 'bridge': {
      const token = bridgeTokenOf(trace.editable, trace.editorKind);
      if (!bridge || token < 0) return false;
      const r = await bridge.call({ op: `ckeditor5.${direction}`, target: token });
      return r.ok;
    }
    case 'history-beforeinput':
      // Some editors only take input while focused (slate-react checks its selection).
      trace.editable.focus();
      dispatchHistory(trace.editable, direction === 'undo' ? 'historyUndo' : 'historyRedo');
      return true;
    case 'snapshot':
      if (!trace.snapshot) return false;
      restoreSnapshot(trace, direction === 'undo' ? trace.snapshot.before : trace.snapshot.after);
      return true;
  }
}

async function waitForText(
  trace: InsertTrace,
  bridge: BridgeClient | null | undefined,
  accept: (now: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  const token = bridgeTokenOf(trace.editable, trace.editorKind);
  const deadline = Date.now() + timeoutMs;
  let now = '';
  do {
    await sleep(40);
    now = compactText(await readBack(trace.editable, trace.editorKind, bridge, token));
    if (accept(now)) return now;
  } while (Date.now() < deadline);
  return now;
}

export async function undoInsert(trace: InsertTrace, options: UndoOptions = {}): Promise<UndoOutcome> {
  const { bridge, verifyTimeoutMs = 600 } = options;
  if (!trace.editable.isConnected) {
    return {
      ok: false,
      code: 'nothing-to-undo',
      message: t('error_undo_editor_gone'),
    };
  }
  if (!canUndo(trace)) {
    return { ok: false, code: 'unsupported', message: t('error_undo_unsupported') };
  }
  const token = bridgeTokenOf(trace.editable, trace.editorKind);
  const current = compactText(await readBack(trace.editable, trace.editorKind, bridge, token));
  const snapshotChanged =
    trace.snapshot !== null &&
    (isTextField(trace.editable) ? trace.editable.value : trace.editable.innerHTML) !== trace.snapshot.after;
  if (current !== trace.after || snapshotChanged) {
    return {
      ok: false,
      code: 'changed-since',
      message: t('error_undo_changed_since'),
    };
  }
  for (const step of UNDO_STEPS[trace.editorKind]) {
    const ran = await runUndoStep(step, trace, bridge, 'undo').catch(() => false);
    if (!ran) continue;
    const now = await waitForText(trace, bridge, (text) => text === trace.before, verifyTimeoutMs);
    if (now === trace.before) return { ok: true };
    if (now === trace.after) continue; // this step did nothing: try the next one
    // The editor undid more or less than the insert: put it back the way it was.
    await runUndoStep(step, trace, bridge, 'redo').catch(() => false);
    const back = await waitForText(trace, bridge, (text) => text === trace.after, verifyTimeoutMs);
    return {
      ok: false,
      code: 'not-restored',
      message: back === trace.after ? t('error_undo_redone') : t('error_undo_mismatch'),
    };
  }
  return { ok: false, code: 'failed', message: t('error_undo_failed') };
}
