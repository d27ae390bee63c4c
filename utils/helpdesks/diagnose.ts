import type { ContentDiagnosis, SelectorFieldDiagnosis } from '../messaging/protocol';
import { deepQueryAll, fillSelectors } from './dom';
import { detectEditorKind } from './editor-kind';
import { overriddenFieldsOf } from './selector-overrides';
import type { HelpdeskAdapter } from './types';

// "Diagnose this page", content-script half: how the adapter's selector table fares on this page. It reports
// counts, the table's own selector strings and the editor family, never text from the page. Selectors are counted
// over the whole document (open shadow roots included); some are meant relative to a container, so a count is a
// hint of health, not the number of things the adapter reads. `{id}` templates are filled with the active ticket
// id for counting and reported unfilled.

function diagnoseField(
  field: string,
  selectors: readonly string[],
  doc: Document,
  values: Readonly<Record<string, string>>,
  overridden: boolean,
): SelectorFieldDiagnosis {
  const filled = fillSelectors(selectors, values);
  const invalid: string[] = [];
  let matched: SelectorFieldDiagnosis['matched'] = null;
  filled.forEach((selector, index) => {
    const template = selectors[index]!;
    try {
      doc.createDocumentFragment().querySelector(selector);
    } catch {
      invalid.push(template);
      return;
    }
    if (matched) return;
    if (/\{\w+\}/.test(selector)) return; // a template with no ticket to fill it
    const count = deepQueryAll(doc, selector).length;
    if (count > 0) matched = { selector: template, index, count };
  });
  return { field, overridden, tried: selectors.length, matched, invalid };
}

export function diagnosePage(adapter: HelpdeskAdapter, doc: Document, url: URL): ContentDiagnosis {
  const ticketId = adapter.ticketId(url, doc);
  const overridden = overriddenFieldsOf(adapter);
  const values: Record<string, string> = ticketId ? { id: ticketId } : {};
  const fields = Object.entries(adapter.selectors).map(([field, selectors]) =>
    diagnoseField(field, selectors, doc, values, overridden.has(field)),
  );
  let composer: ContentDiagnosis['composer'] = { found: false, editorKind: null };
  if (ticketId) {
    try {
      const found = adapter.findComposer(doc, ticketId);
      if (found) composer = { found: true, editorKind: detectEditorKind(found) };
    } catch {
      // a broken override can make the adapter's lookup throw: reported as "not found"
    }
  }
  return { adapter: { id: adapter.id, name: adapter.name }, ticketOpen: ticketId !== null, fields, composer };
}
