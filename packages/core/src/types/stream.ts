import type { ChatResponse, ToolCall } from './response.js';

export interface TextDeltaEvent {
  type: 'text-delta';
  text: string;
}

export interface ReasoningDeltaEvent {
  type: 'reasoning-delta';
  text: string;
}

/** A piece of a tool call's JSON arguments, as it arrives. */
export interface ToolCallDeltaEvent {
  type: 'tool-call-delta';
  /** Position of the call among this response's tool calls. */
  index: number;
  id: string;
  name: string;
  argumentsDelta: string;
}

/** A complete tool call with parsed arguments. */
export interface ToolCallEvent {
  type: 'tool-call';
  toolCall: ToolCall;
}

/** The last event: the whole response, usage and cost included. */
export interface FinishEvent {
  type: 'finish';
  response: ChatResponse;
}

export type StreamEvent =
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | FinishEvent;
