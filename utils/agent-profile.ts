import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

// The agent's own details, for drafts written in their voice and for presets ({{agent.name}}, {{agent.signature}},
// {{team.name}}). Set in the options page; the agent's own words, so they go to the model as instructions, not as
// ticket data. No secret here: storage.local.

export const AGENT_PROFILE_KEY = 'local:agentProfile';

export const AgentProfile = z.object({
  name: z.string().trim().max(100).default(''),
  signature: z.string().trim().max(1000).default(''),
  team: z.string().trim().max(100).default(''),
});
export type AgentProfile = z.infer<typeof AgentProfile>;

export const EMPTY_AGENT_PROFILE: AgentProfile = { name: '', signature: '', team: '' };

/** A missing or unreadable profile is the empty one: presets then leave those variables out. */
export function parseAgentProfile(raw: unknown): AgentProfile {
  const parsed = AgentProfile.safeParse(raw ?? {});
  return parsed.success ? parsed.data : EMPTY_AGENT_PROFILE;
}

export async function loadAgentProfile(): Promise<AgentProfile> {
  try {
    return parseAgentProfile(await storage.getItem<unknown>(AGENT_PROFILE_KEY));
  } catch {
    return EMPTY_AGENT_PROFILE;
  }
}

/** Validates before writing; throws a ZodError naming the field that is too long. */
export async function saveAgentProfile(profile: AgentProfile): Promise<AgentProfile> {
  const valid = AgentProfile.parse(profile);
  await storage.setItem(AGENT_PROFILE_KEY, valid);
  return valid;
}
