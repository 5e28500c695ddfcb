import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { SimulatorAddresses } from './serve-simulators.js';

export interface RemoteSimulators {
  addresses: Record<string, SimulatorAddresses>;
  close(): Promise<void>;
}

/** Starts `serve-simulators.ts` in a child process and reads the addresses it prints. */
export async function startRemoteSimulators(): Promise<RemoteSimulators> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./serve-simulators.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, 'line');
  lines.close();
  if (typeof line !== 'string') throw new Error('the simulator process printed no addresses');
  const addresses: Record<string, SimulatorAddresses> = JSON.parse(line);
  return {
    addresses,
    async close() {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}
