/** Strips router prefixes ("openai/gpt-4o", "azure/…", "models/gemini-2.5-pro") and lower-cases: the bare id. */
export function bareModelId(model: string): string {
  const trimmed = model.trim().toLowerCase();
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? trimmed : trimmed.slice(slash + 1);
}
