#!/usr/bin/env node
import { runGatewayCommand } from './run-gateway-command.js';

/** The `stratum-gateway` command: serve until SIGINT or SIGTERM, then shut down gracefully. */
try {
  const served = await runGatewayCommand(process.argv.slice(2));
  if (served) {
    const stop = () => {
      void served.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  process.stderr.write(
    `stratum-gateway: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
