import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { type StartedChild, startChild, typescriptScript } from '../child-process.js';

export interface Servers {
  mockBaseURL: string;
  stratumURL: string;
  passThroughURL: string;
  portkeyURL: string;
  /** Process ids, to charge each server the CPU time it used. */
  pids: { mock?: number; stratum?: number; passThrough?: number; portkey?: number };
  close(): Promise<void>;
}

/** The mock, the pass-through floor, Stratum's and Portkey's gateways, each in its own process. */
export async function startServers(): Promise<Servers> {
  const started: StartedChild[] = [];
  try {
    const mock = await startChild(typescriptScript('./gateway/serve-mock.ts'));
    started.push(mock);
    const { baseURL }: { baseURL: string } = JSON.parse(mock.readyLine);
    const stratum = await startChild([
      ...typescriptScript('./gateway/serve-stratum-gateway.ts'),
      baseURL,
    ]);
    started.push(stratum);
    const { url }: { url: string } = JSON.parse(stratum.readyLine);
    const passThrough = await startChild([
      ...typescriptScript('./gateway/serve-pass-through.ts'),
      baseURL,
    ]);
    started.push(passThrough);
    const passThroughURL: string = JSON.parse(passThrough.readyLine).url;
    const port = await freePort();
    const portkey = await startChild(
      [
        '--import',
        'tsx',
        '--import',
        new URL('./listen-on-loopback.ts', import.meta.url).pathname,
        createRequire(import.meta.url).resolve('@portkey-ai/gateway/build/start-server.js'),
        `--port=${port}`,
        '--headless',
      ],
      {
        isReady: (line) => line.includes('Ready for connections'),
        stop: (child) => child.kill('SIGTERM'),
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    started.push(portkey);
    return {
      mockBaseURL: baseURL,
      stratumURL: url,
      passThroughURL,
      portkeyURL: `http://127.0.0.1:${port}`,
      pids: {
        mock: mock.pid,
        stratum: stratum.pid,
        passThrough: passThrough.pid,
        portkey: portkey.pid,
      },
      close: () => closeAll(started),
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

async function closeAll(started: StartedChild[]): Promise<void> {
  await Promise.all(started.map((child) => child.close()));
}

/** A port nothing listens on right now, for a server that cannot be told to pick its own. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}
