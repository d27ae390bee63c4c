import type { ManagedPolicy } from '../../utils/presets/policy';
import { providerPolicyProblem } from '../../utils/presets/policy';
import type { ProviderConfig } from '../../utils/providers/schema';

// What the administrator's policy locks in "Model providers", shown above the list: the required endpoint (with a
// button that fills the editor with it, so the agent only adds a key), the allowed endpoints, whether personal
// providers are off, and which saved providers the policy refuses (the background will not call them).

export interface ProviderPolicyNoticeProps {
  policy: ManagedPolicy;
  providers: readonly ProviderConfig[];
  onUseRequired?: () => void;
}

/** Why the policy refuses a provider, or null; on-device Chrome AI never leaves the computer and is not checked. */
export function policyRefusal(policy: ManagedPolicy, provider: Pick<ProviderConfig, 'baseURL' | 'model'>) {
  if (!provider.baseURL) return null;
  return providerPolicyProblem(policy, provider);
}

export function providerPolicyLocks(policy: ManagedPolicy): boolean {
  return (
    policy.requiredProvider !== undefined ||
    policy.allowedBaseUrls.length > 0 ||
    policy.disablePersonalProviders
  );
}

export function ProviderPolicyNotice({ policy, providers, onUseRequired }: ProviderPolicyNoticeProps) {
  if (!providerPolicyLocks(policy)) return null;
  const required = policy.requiredProvider;
  const refused = providers
    .map((p) => ({ provider: p, problem: policyRefusal(policy, p) }))
    .filter((entry) => entry.problem !== null);
  return (
    <div className="status status-warning" data-testid="provider-locked" role="note">
      <p>
        <strong>Locked by your organisation.</strong>{' '}
        {required
          ? `Deskmate may only use the model endpoint ${required.baseURL}${required.model ? ` with the model “${required.model}”` : ''}.`
          : policy.allowedBaseUrls.length > 0
            ? `Deskmate may only use these model endpoints (and addresses below them): ${policy.allowedBaseUrls.join(', ')}.`
            : null}{' '}
        {policy.disablePersonalProviders
          ? 'You cannot add providers of your own.'
          : 'Other endpoints are refused when you save.'}
      </p>
      {refused.length > 0 ? (
        <ul data-testid="provider-refused">
          {refused.map(({ provider, problem }) => (
            <li key={provider.id}>
              “{provider.label}” ({provider.baseURL}) cannot be used: {problem}
            </li>
          ))}
        </ul>
      ) : null}
      {required && onUseRequired && !providers.some((p) => policyRefusal(policy, p) === null && p.baseURL) ? (
        <button
          type="button"
          className="secondary"
          data-testid="provider-use-required"
          onClick={onUseRequired}
        >
          Set up {required.baseURL}
        </button>
      ) : null}
    </div>
  );
}
