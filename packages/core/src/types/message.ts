import type {
  AssistantContentPart,
  ProviderOptions,
  TextPart,
  UserContentPart,
} from './content.js';

export interface SystemMessage {
  role: 'system';
  content: string | TextPart[];
  providerOptions?: ProviderOptions;
}

export interface UserMessage {
  role: 'user';
  content: string | UserContentPart[];
  providerOptions?: ProviderOptions;
}

export interface AssistantMessage {
  role: 'assistant';
  content: string | AssistantContentPart[];
  providerOptions?: ProviderOptions;
}

/** The result of one tool call, answering the assistant's `tool-call` part with the same id. */
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  /** The tool's name; vendors that need it (Gemini) find it from the earlier call when absent. */
  toolName?: string;
  content: string | TextPart[];
  /** Marks the result as a failure, for vendors that carry that flag (Anthropic `is_error`). */
  isError?: boolean;
  providerOptions?: ProviderOptions;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
export type MessageRole = Message['role'];
