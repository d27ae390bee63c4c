// The policy check's preset id, alone so the metrics and history code can recognise a check's generation without
// loading the preset (and its schemas). A check is stored as a draft-kind generation, but it is findings about a
// draft, not a draft: it is never a quality metric and never offered as a draft.

export const POLICY_CHECK_PRESET_ID = 'check-against-knowledge';

export function isPolicyCheck(generation: { presetId?: string }): boolean {
  return generation.presetId === POLICY_CHECK_PRESET_ID;
}
