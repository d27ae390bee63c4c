import type { ProviderConfig } from '../../utils/providers/schema';

// The configured providers: which one is the default, which one is being edited, and which cannot be reached
// because the browser's permission for its host is missing.

export interface ProviderListProps {
  providers: readonly ProviderConfig[];
  defaultId: string | null;
  editingId: string | null;
  /** Host permission per provider id: false = "no access" (a Grant access button is shown). */
  access: Readonly<Record<string, boolean>>;
  pendingDeleteId: string | null;
  onEdit: (id: string) => void;
  onMakeDefault: (id: string) => void;
  onDelete: (id: string) => void;
  onGrant: (provider: ProviderConfig) => void;
}

function endpointOf(provider: ProviderConfig): string {
  if (provider.baseURL === '') return 'in this browser';
  try {
    return new URL(provider.baseURL).host;
  } catch {
    return provider.baseURL;
  }
}

export function ProviderList(props: ProviderListProps) {
  if (props.providers.length === 0) return null;
  return (
    <ul className="provider-list" data-testid="provider-list" aria-label="Configured providers">
      {props.providers.map((provider) => {
        const isDefault = provider.id === props.defaultId;
        const noAccess = props.access[provider.id] === false;
        return (
          <li
            key={provider.id}
            className={provider.id === props.editingId ? 'provider-row editing' : 'provider-row'}
            data-testid={`provider-row-${provider.id}`}
            data-provider-label={provider.label}
          >
            <span className="provider-name">
              <strong>{provider.label}</strong> · {provider.model} · {endpointOf(provider)}
              {isDefault ? (
                <span className="badge" data-testid="provider-default-badge">
                  Default
                </span>
              ) : null}
              {noAccess ? (
                <span className="badge badge-warn" data-testid="provider-no-access">
                  No access
                </span>
              ) : null}
            </span>
            <span className="provider-actions">
              {noAccess ? (
                <button
                  type="button"
                  className="secondary"
                  data-testid="provider-grant"
                  onClick={() => props.onGrant(provider)}
                >
                  Grant access
                </button>
              ) : null}
              <button
                type="button"
                className="secondary"
                data-testid="provider-edit"
                aria-pressed={provider.id === props.editingId}
                onClick={() => props.onEdit(provider.id)}
              >
                Edit
              </button>
              {isDefault ? null : (
                <button
                  type="button"
                  className="secondary"
                  data-testid="provider-make-default"
                  onClick={() => props.onMakeDefault(provider.id)}
                >
                  Make default
                </button>
              )}
              <button
                type="button"
                className="secondary danger"
                data-testid="provider-delete"
                onClick={() => props.onDelete(provider.id)}
              >
                {props.pendingDeleteId === provider.id ? 'Confirm delete' : 'Delete'}
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
