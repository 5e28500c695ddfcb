import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { StratumError } from '@stratum/core';
import { connectVendors, VENDOR_NAMES, type Vendor } from './connect-vendors.js';
import { costLine } from './cost-line.js';
import { CHAIN, createFallbackChat } from './fallback-chat.js';

// `pnpm start -- --outage openai` passes the `--` on; `npm start -- …` does not.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const { values } = parseArgs({ args, options: { outage: { type: 'string', default: '' } } });
const outage = values.outage.split(',').filter((name) => name !== '');
const unknown = outage.filter((name) => !VENDOR_NAMES.some((vendor) => vendor === name));
if (unknown.length > 0) {
  console.error(`--outage takes ${VENDOR_NAMES.join(', ')}; got ${unknown.join(', ')}`);
  process.exit(2);
}
const isVendor = (name: string): name is Vendor => VENDOR_NAMES.some((vendor) => vendor === name);

const vendors = await connectVendors({ env: process.env, outage: outage.filter(isVendor) });
console.log(`Stratum chat: ${CHAIN.join(' → ')}`);
for (const line of vendors.description) console.log(`  ${line}`);
console.log('Ask anything; an empty line or Ctrl-D quits.\n');

const chat = createFallbackChat(vendors.providers);
const terminal = createInterface({ input: process.stdin, output: process.stdout });
// Piped input closes the interface at its end while answers are still on their way.
let inputEnded = false;
terminal.on('close', () => {
  inputEnded = true;
});
const prompt = () => {
  if (!inputEnded) terminal.prompt();
};
terminal.setPrompt('> ');
prompt();
try {
  for await (const question of terminal) {
    if (question.trim() === '') break;
    try {
      const response = await chat.ask(question);
      console.log(`${response.text}\n${costLine(response)}\n`);
    } catch (error) {
      // Every vendor of the chain failed: the last error says why.
      if (!StratumError.is(error)) throw error;
      console.log(`error: ${error.message}\n`);
    }
    prompt();
  }
} finally {
  terminal.close();
  await vendors.close();
}
