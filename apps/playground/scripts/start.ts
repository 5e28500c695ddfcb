/**
 * `npm start` at the repository root: the gateway in demo mode (the OpenAI, Anthropic and
 * Gemini simulators as its vendors, so no key is needed) serving the built playground.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDemoGateway } from '@stratum/gateway/demo';

const directory = fileURLToPath(new URL('../dist', import.meta.url));
if (!existsSync(`${directory}/index.html`)) {
  process.stderr.write(
    'The playground is not built: run `pnpm --filter @stratum/playground build`.\n',
  );
  process.exit(1);
}

const preferred = Number(process.env.PORT ?? 8787);
const start = (port: number) =>
  startDemoGateway({
    port,
    host: '127.0.0.1',
    playground: { directory },
    environment: process.env,
  });
const demo = await start(preferred).catch((error: NodeJS.ErrnoException) => {
  // Another program has the usual port: any free one will do for a local demo.
  if (error.code !== 'EADDRINUSE') throw error;
  process.stderr.write(`Port ${preferred} is in use; picking a free one.\n`);
  return start(0);
});

const vendors = Object.entries(demo.modes)
  .map(
    ([vendor, mode]) =>
      `${vendor} ${mode === 'live' ? 'live (key from the environment)' : 'simulated'}`,
  )
  .join(', ');
process.stdout.write(
  `Stratum playground (${vendors})\n` + `  ${demo.url}/\n` + 'Press Ctrl+C to stop.\n',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void demo.close().then(() => process.exit(0));
  });
}
