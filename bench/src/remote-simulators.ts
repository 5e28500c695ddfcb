import { startChild } from './child-process.js';
import type { SimulatorAddresses } from './serve-simulators.js';

export interface RemoteSimulators {
  addresses: Record<string, SimulatorAddresses>;
  close(): Promise<void>;
}

/** Starts `serve-simulators.ts` in a child process and reads the addresses it prints. */
export async function startRemoteSimulators(): Promise<RemoteSimulators> {
  const child = await startChild([
    '--import',
    'tsx',
    new URL('./serve-simulators.ts', import.meta.url).pathname,
  ]);
  const addresses: Record<string, SimulatorAddresses> = JSON.parse(child.readyLine);
  return { addresses, close: () => child.close() };
}
