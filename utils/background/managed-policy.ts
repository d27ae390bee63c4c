import { t } from '../i18n/t';
import type { ManagedArea } from '../managed-area';
import { loadPolicy, providerPolicyProblem, type ReadPolicyResult } from '../presets/policy';
import { applyPolicyPacks, type PresetDb } from '../presets/store';

// The background's side of enterprise policy (utils/presets/policy.ts reads and checks it):
// - at every worker start and whenever the administrator's policy changes (storage.onChanged, area 'managed'),
//   the policy's packs are made to match it: inline packs stored read-only, pack URLs added as policy
//   subscriptions the agent cannot remove, packs the policy no longer lists removed; then new policy
//   subscriptions are fetched;
// - before any call to a model endpoint (generation, "Test connection"), the endpoint is checked against the
//   policy's allowed / required endpoints, and a refused one is never called.
// A wrong policy never stops Deskmate: readPolicy drops bad settings with a warning (logged here, shown in the
// options page, which reads the policy itself).

export interface PolicyDeps {
  db: PresetDb;
  area: ManagedArea;
  log?: (message: string) => void;
  now?: () => number;
}

/** Reads the policy (never throws), logging what was ignored. */
export async function readManagedPolicy(
  area: ManagedArea,
  log?: (message: string) => void,
): Promise<ReadPolicyResult> {
  const result = await loadPolicy(area);
  for (const warning of result.warnings) log?.(`Managed policy: ${warning}`);
  return result;
}

/** Reads the policy and stores its packs. Returns the policy in force. */
export async function syncPolicyPacks(deps: PolicyDeps): Promise<ReadPolicyResult> {
  const result = await readManagedPolicy(deps.area, deps.log);
  await applyPolicyPacks(deps.db, result.policy, (deps.now ?? Date.now)());
  return result;
}

/**
 * Why the background must not call `provider` under the policy in force, or null. Read fresh each time: a
 * policy change applies to the very next request, and storage.managed is a local read.
 */
export async function endpointPolicyProblem(
  area: ManagedArea,
  provider: { baseURL: string; model?: string },
): Promise<string | null> {
  const { policy, managed } = await loadPolicy(area);
  if (!managed) return null;
  // No model yet ("Load models"): only the endpoint is checked.
  const model = provider.model || policy.requiredProvider?.model || '';
  const problem = providerPolicyProblem(policy, { baseURL: provider.baseURL, model });
  return problem ? t('core_presets_policy_not_sent', problem) : null;
}
