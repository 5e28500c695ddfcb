import { readFile } from 'node:fs/promises';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { startOpenAISimulator } from '@stratum/testing';
import { formatReport } from './format-report.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

export interface QuickstartOutput {
  write(text: string): void;
}

/**
 * The main job, offline: a local simulator of the OpenAI API replays real recorded responses,
 * and Stratum talks to it through the official openai SDK exactly as it would to api.openai.com.
 */
export async function runQuickstart(output: QuickstartOutput): Promise<void> {
  const simulator = await startOpenAISimulator();
  try {
    const json = await readFile(fixture('openai-text.json'), 'utf8');
    const chunks = (await readFile(fixture('openai-text.chunks.txt'), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '');
    simulator.enqueue({ kind: 'recorded', json }, { kind: 'recorded', chunks, chunkDelayMs: 2 });

    // No API key is needed offline; the simulator accepts any.
    const openai = createOpenAI({ apiKey: 'offline-demo-key', baseURL: simulator.baseURL });
    const client = createClient({ providers: [openai] });
    const request = {
      model: 'openai/gpt-4.1-nano',
      messages: [
        { role: 'user' as const, content: 'Invent a new holiday and describe its traditions.' },
      ],
    };

    output.write(
      'Stratum quick start (offline: a local OpenAI simulator replays recorded responses)\n\n',
    );
    output.write('▶ chat\n');
    const response = await client.chat(request);
    output.write(`${response.text}\n${formatReport('chat', response)}\n\n`);

    output.write('▶ stream\n');
    const stream = client.stream(request);
    for await (const text of stream.textStream) output.write(text);
    output.write(`\n${formatReport('stream', await stream.finalResponse())}\n`);
  } finally {
    await simulator.close();
  }
}
