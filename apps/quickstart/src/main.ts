import { runQuickstart } from './run-quickstart.js';

await runQuickstart({ write: (text) => process.stdout.write(text) });
