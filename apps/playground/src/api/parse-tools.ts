import type { ToolDefinition } from '@stratum/core';

/** Parses the tools box: empty means none; otherwise a JSON array of `{ name, parameters }`. */
export function parseTools(text: string): { tools?: ToolDefinition[]; error?: string } {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `tools: not valid JSON (${error instanceof Error ? error.message : error})` };
  }
  if (!Array.isArray(value)) return { error: 'tools: expected a JSON array of tool definitions' };
  const tools: ToolDefinition[] = [];
  for (const [position, entry] of value.entries()) {
    if (typeof entry !== 'object' || entry === null || !('name' in entry)) {
      return { error: `tools[${position}]: each tool needs a "name"` };
    }
    const { name, description, parameters } = entry;
    if (typeof name !== 'string' || !name) {
      return { error: `tools[${position}].name: give the tool a non-empty string name` };
    }
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      return {
        error: `tools[${position}].parameters: give a JSON Schema object, e.g. {"type":"object","properties":{}}`,
      };
    }
    tools.push({
      name,
      ...(typeof description === 'string' ? { description } : {}),
      parameters: { ...parameters },
    });
  }
  return { tools };
}
