import * as v from 'valibot';
import { InvalidRequestError } from '../errors/error-classes.js';
import type { ChatRequest } from '../types/request.js';
import { chatRequestSchema, isMessageRole, messageSchemas } from './chat-request-schema.js';
import { checkJsonSchema } from './check-json-schema.js';
import { fixHintFor } from './fix-hints.js';
import { isPlainRequest } from './is-plain-request.js';

type Issue = v.BaseIssue<unknown>;
type CheckedRequest = v.InferOutput<typeof chatRequestSchema>;

/**
 * Checks a request before any middleware or provider sees it, so a programming mistake is an
 * InvalidRequestError (never retried) that names the field, rather than whatever each vendor
 * SDK makes of it. Throws on the first problem; the request itself is left as it is.
 */
export function validateChatRequest(request: unknown): asserts request is ChatRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw invalid(
      `Invalid request: chat() and stream() take a request object, got ${describeValue(request)}. Fix: pass { model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'Hello' }] }.`,
      undefined,
    );
  }
  if (isPlainRequest(request)) {
    checkMessages(request.messages, request.model);
    return;
  }
  const result = v.safeParse(chatRequestSchema, request, { abortEarly: true });
  if (!result.success) {
    const model: unknown = Reflect.get(request, 'model');
    throw invalid(
      describeIssue(innermost(result.issues[0])),
      typeof model === 'string' ? model : undefined,
    );
  }
  checkMessages(result.output.messages, result.output.model);
  checkToolsAndSchemas(result.output);
}

/**
 * Messages that passed once are not checked again: a conversation sends its history with every
 * turn, as the same objects, so only the new messages cost anything.
 */
const checkedMessages = new WeakSet<object>();

function checkMessages(messages: readonly object[], model: string): void {
  for (const [index, message] of messages.entries()) {
    const role: unknown = Reflect.get(message, 'role');
    // Cheaper than the set below, and keeps one-off messages out of it.
    if (isPlainTextMessage(message, role) || checkedMessages.has(message)) continue;
    if (!isMessageRole(role)) {
      const found = role === undefined ? 'is missing' : `is ${describeValue(role)}`;
      throw invalid(
        `Invalid request: messages[${index}].role ${found}; expected "system" | "user" | "assistant" | "tool". Fix: ${fixHintFor('role')}`,
        model,
      );
    }
    const result = v.safeParse(messageSchemas[role], message, { abortEarly: true });
    if (!result.success) {
      const located = innermost(result.issues[0]);
      const path = [...messagePath(index, messages), ...located.path];
      throw invalid(describeIssue({ ...located, path }), model);
    }
    checkedMessages.add(message);
  }
}

/**
 * The commonest message, `{ role: 'user', content: 'text' }` (or system, or assistant), without
 * provider options: valid by its role's schema as it stands, so valibot need not walk it. Each
 * new message would otherwise cost a schema run (a few microseconds) on every call.
 */
function isPlainTextMessage(message: object, role: unknown): boolean {
  return (
    (role === 'user' || role === 'system' || role === 'assistant') &&
    typeof Reflect.get(message, 'content') === 'string' &&
    Reflect.get(message, 'providerOptions') === undefined
  );
}

/** The path of `messages[index]`, for issues found inside that message. */
function messagePath(index: number, messages: readonly object[]): IssuePath {
  return [
    { type: 'object', origin: 'value', input: {}, key: 'messages', value: messages },
    { type: 'array', origin: 'value', input: messages, key: index, value: messages[index] },
  ];
}

function invalid(message: string, model: string | undefined): InvalidRequestError {
  return new InvalidRequestError(message, { model, retryable: false });
}

function checkToolsAndSchemas(request: CheckedRequest): void {
  const model = request.model;
  const names = new Map<string, number>();
  for (const [index, tool] of (request.tools ?? []).entries()) {
    const earlier = names.get(tool.name);
    if (earlier !== undefined) {
      throw invalid(
        `Invalid request: tools[${index}].name is "${tool.name}", which tools[${earlier}] already uses; expected unique tool names. Fix: give each tool its own name, the model calls tools by name.`,
        model,
      );
    }
    names.set(tool.name, index);
    checkSchema(tool.parameters, `tools[${index}].parameters`, 'parameters', model);
  }
  const choice = request.toolChoice;
  if (choice !== undefined && typeof choice === 'object' && !names.has(choice.name)) {
    const defined =
      names.size === 0
        ? 'the request has no tools'
        : `the request's tools are ${[...names.keys()].map((name) => `"${name}"`).join(', ')}`;
    throw invalid(
      `Invalid request: toolChoice.name is "${choice.name}"; expected the name of one of the request's tools, but ${defined}. Fix: add a tool named "${choice.name}" to tools, or name one of the defined tools.`,
      model,
    );
  }
  if (request.responseFormat?.type === 'json-schema') {
    checkSchema(request.responseFormat.schema, 'responseFormat.schema', 'schema', model);
  }
}

function checkSchema(schema: object, at: string, key: string, model: string): void {
  const problem = checkJsonSchema(schema);
  if (!problem) return;
  const inside = problem.path
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('');
  throw invalid(
    `Invalid request: ${at}${inside} is ${describeValue(problem.found)}, which is not valid JSON Schema; expected ${problem.expected}. Fix: ${fixHintFor(key)}`,
    model,
  );
}

/**
 * A union (`content`: a string or a list of parts) reports one issue per option; when the value
 * matched one option's type, the deeper issue of that option is the one that says what is wrong.
 */
type IssuePath = readonly v.IssuePathItem[];

/** An issue with its path from the request's root (an option's issues are relative to it). */
interface LocatedIssue {
  issue: Issue;
  path: IssuePath;
}

function innermost(issue: Issue, path: IssuePath = issue.path ?? []): LocatedIssue {
  let best: LocatedIssue = { issue, path };
  for (const inner of issue.issues ?? []) {
    const candidate = innermost(inner, [...path, ...(inner.path ?? [])]);
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

function describeIssue({ issue, path: issuePath }: LocatedIssue): string {
  const path = formatPath(issuePath) || 'the request';
  const hint = fixHintFor(lastKey(issuePath));
  if (issue.received === 'undefined') {
    return `Invalid request: ${path} is missing; it is required. Fix: ${hint}`;
  }
  const found =
    issue.type === 'min_length' ? `has ${issue.received} items` : `is ${truncate(issue.received)}`;
  return `Invalid request: ${path} ${found}; expected ${expectedOf(issue)}. Fix: ${hint}`;
}

function expectedOf(issue: Issue): string {
  switch (issue.type) {
    case 'min_length':
      return `at least ${String(issue.requirement)} item${issue.requirement === 1 ? '' : 's'}`;
    case 'min_value':
    case 'max_value':
    case 'gt_value':
      return `a number ${issue.expected}`;
    case 'safe_integer':
      return 'a whole number';
    case 'finite':
      return 'a finite number';
    case 'non_empty':
      return 'a non-empty string';
    case 'regex':
      return `a string matching ${String(issue.requirement)}`;
    case 'custom':
      return issue.message;
    default:
      return issue.expected ?? issue.message;
  }
}

function formatPath(path: IssuePath): string {
  let text = '';
  for (const item of path) {
    const key: unknown = item.key;
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function lastKey(path: IssuePath): string | undefined {
  for (const item of [...path].reverse()) {
    const key: unknown = item.key;
    if (typeof key === 'string') return key;
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return truncate(JSON.stringify(value));
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
