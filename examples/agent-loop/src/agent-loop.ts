import { type Client, type Message, toPicodollars } from '@stratum/core';
import type { Tracker } from '@stratum/tracker';
import { runWeatherTool, weatherTool } from './weather-tool.js';

export const AGENT_MODEL = 'openai/gpt-4.1-mini';

export interface AgentStep {
  step: number;
  toolCalls: Array<{ name: string; arguments: unknown; result: string }>;
  /** The model's text of this step (the answer, on the last one). */
  text: string;
  /** This step's cost as the response reported it, in picodollars. */
  cost: bigint;
}

export interface AgentRun {
  answer: string;
  steps: AgentStep[];
}

/**
 * The loop: call the model, run every tool it asks for, send the results back by call id, and
 * repeat until it answers in text. Each call carries its step number as a tag, so the tracker
 * can report spend by step.
 */
export async function runAgent(client: Client, question: string, maxSteps = 6): Promise<AgentRun> {
  const messages: Message[] = [
    { role: 'system', content: 'Use get_weather for every city you are asked about.' },
    { role: 'user', content: question },
  ];
  const steps: AgentStep[] = [];
  for (let step = 1; step <= maxSteps; step++) {
    const response = await client.chat({
      model: AGENT_MODEL,
      messages,
      tools: [weatherTool],
      maxOutputTokens: 400,
      metadata: { step: String(step) },
    });
    messages.push({ role: 'assistant', content: response.content });
    const toolCalls = response.toolCalls.map((call) => {
      const result = runWeatherTool(call);
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        content: result.content,
        isError: result.isError,
      });
      return { name: call.name, arguments: call.arguments, result: result.content };
    });
    const cost = response.cost ? toPicodollars(response.cost.total) : 0n;
    steps.push({ step, toolCalls, text: response.text, cost });
    if (toolCalls.length === 0) return { answer: response.text, steps };
  }
  throw new Error(`The agent asked for tools ${maxSteps} times without answering; stopped.`);
}

export interface StepSpend {
  step: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Picodollars, exact. */
  cost: bigint;
}

/** The tracker's records grouped by the `step` tag, in step order, and their total. */
export async function spendByStep(
  tracker: Tracker,
): Promise<{ steps: StepSpend[]; total: bigint }> {
  const groups = await tracker.query({ groupBy: ['tag:step'] });
  const steps = groups
    .map((group) => ({
      step: group.key['tag:step'] ?? '',
      calls: group.calls,
      inputTokens: group.tokens.input,
      outputTokens: group.tokens.output,
      cost: group.cost.total,
    }))
    .sort((a, b) => Number(a.step) - Number(b.step));
  const summary = await tracker.summary();
  return { steps, total: summary.totalCost };
}
