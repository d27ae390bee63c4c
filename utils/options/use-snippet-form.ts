import { useMemo, useState } from 'react';
import type { SnippetCheck } from '../knowledge/snippet-check';
import { checkSnippetDraft, type FormField, problemFor, type SnippetDraft } from './knowledge-form';
import { describeProblem, fieldName } from './knowledge-messages';

// The snippet form's state, shared by the options editor and the panel's "Save as snippet": the draft, checked on
// every keystroke; a field's message shows once the agent has been in it, or after a refused Save, which lists
// every reason. Nothing here writes: the caller saves `check.snippet`.

export interface SnippetForm {
  draft: SnippetDraft;
  set: (field: FormField, value: string) => void;
  check: SnippetCheck;
  errorOf: (field: FormField) => string | undefined;
  /** Call on Save: the snippet when it can be saved; otherwise every message is shown and undefined returned. */
  submit: () => SnippetCheck;
  /** Why the last Save was refused ("Title: A snippet needs a title."), empty when it was not. */
  refusal: string[];
}

export function useSnippetForm(initial: SnippetDraft, id?: string): SnippetForm {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [refused, setRefused] = useState(false);
  const check = useMemo(() => checkSnippetDraft(draft, id), [draft, id]);

  const errorOf = (field: FormField) => {
    if (!refused && !touched.has(field)) return undefined;
    const problem = problemFor(check, field);
    return problem ? describeProblem(problem) : undefined;
  };

  const refusal =
    refused && !check.ok
      ? check.problems.map((p) => `${fieldName(p.field === 'id' ? 'title' : p.field)}: ${describeProblem(p)}`)
      : [];

  return {
    draft,
    set: (field, value) => {
      setDraft((d) => ({ ...d, [field]: value }));
      setTouched((t) => new Set(t).add(field));
    },
    check,
    errorOf,
    submit: () => {
      setRefused(!check.ok);
      return check;
    },
    refusal,
  };
}
