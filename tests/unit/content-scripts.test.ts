import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentScriptFileOf, HELPDESK_HOSTS, HELPDESK_MATCHES } from '@/utils/helpdesks/matches';
import { ADAPTERS } from '@/utils/helpdesks/registry';

// Each helpdesk has its own content script (entrypoints/<id>.content.ts) built with only its adapter; the
// background computes its file name from the adapter id, so ids, host lists and entrypoints must line up.
const root = path.resolve(__dirname, '..', '..');

describe('per-helpdesk content scripts', () => {
  it('every adapter has a host list and every host list an adapter', () => {
    expect(Object.keys(HELPDESK_HOSTS).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
    expect(HELPDESK_MATCHES).toEqual(Object.values(HELPDESK_HOSTS).flat());
  });

  it.each(ADAPTERS.map((a) => a.id))('%s: its entrypoint runs its own adapter on its own hosts', (id) => {
    const file = path.join(root, 'entrypoints', `${id}.content.ts`);
    expect(existsSync(file)).toBe(true);
    const source = readFileSync(file, 'utf8');
    expect(source).toContain(`from '@/utils/helpdesks/${id}'`);
    expect(source).toContain(`HELPDESK_HOSTS.${id}]`);
    expect(source).toContain(`runHelpdeskContentScript(ctx, ${id})`);
    expect(contentScriptFileOf(id)).toBe(`content-scripts/${id}.js`);
  });
});
