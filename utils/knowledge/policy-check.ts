import { Preset } from '../presets/preset';
import { POLICY_CHECK_PRESET_ID } from './policy-check-id';

// "Check against knowledge": the agent's current draft and the chosen snippets go to the model, which lists the
// draft's policy statements (amounts, deadlines, eligibility, promises) that no snippet supports. It runs through
// the Refine path (protocol Refine { mode: 'check' }, utils/presets/refine.ts), so redaction, the payload preview,
// the budget and history are the same as for any refinement; the panel routes its answer to a findings list next
// to the draft and never into the draft box (utils/panel/use-policy-check.ts).

export const POLICY_CHECK_PRESET: Preset = Preset.parse({
  id: POLICY_CHECK_PRESET_ID,
  name: 'Check against knowledge',
  description: 'Lists the draft’s policy statements that no chosen snippet supports.',
  kind: 'custom',
  language: { mode: 'agent' },
  tags: ['knowledge', 'check'],
  variables: [],
  template: `Check the draft below against the team knowledge snippets. Do not rewrite the draft.

Draft:
{{draft}}

List every statement in the draft about policy that no snippet supports: refund or compensation amounts, deadlines and time frames, eligibility, fees, guarantees and promises of any action. A statement is supported only if a snippet says the same thing; the ticket data alone does not make a policy.
Write one finding per line, each starting with "- ", quoting the draft's statement and then, after " — ", saying briefly what the snippets say or that none covers it.
If every policy statement is supported, or the draft states no policy, write exactly: ${'NO_FINDINGS'}
Write nothing else.`,
});

export const NO_FINDINGS = 'NO_FINDINGS';

export type PolicyCheckResult =
  | { status: 'findings'; findings: string[] }
  | { status: 'clean' }
  /** The model answered in another shape: its text is shown as it is (as text). */
  | { status: 'unparsed'; text: string };

const BULLET = /^\s*(?:[-*•–]|\d{1,2}[.)])\s+/u;

/** The model's answer as findings (one per bullet line); tolerant of numbering, bold and a stray intro line. */
export function parsePolicyCheck(text: string): PolicyCheckResult {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const findings = lines
    .filter((l) => BULLET.test(l))
    .map((l) => l.replace(BULLET, '').replace(/\*\*/g, '').trim())
    .filter((l) => l !== '' && !l.includes(NO_FINDINGS));
  if (findings.length > 0) return { status: 'findings', findings };
  if (lines.some((l) => l.replace(/[*`]/g, '').includes(NO_FINDINGS)) || lines.length === 0)
    return { status: 'clean' };
  return { status: 'unparsed', text: text.trim() };
}
