import type { Exchange } from './http-simulator.js';
import type { SimulatorStep } from './scenario.js';
import { hang } from './write-helpers.js';

export type CommonStep = Extract<SimulatorStep, { kind: 'raw' | 'hang' | 'recorded' }>;
type RecordedStep = Extract<SimulatorStep, { kind: 'recorded' }>;

/**
 * Answers the steps every vendor answers alike: `raw` bytes as given, `hang` until the client
 * gives up, and `recorded` through the vendor's own replay.
 */
export async function answerCommonStep(
  exchange: Exchange,
  step: CommonStep,
  replay: (exchange: Exchange, step: RecordedStep) => Promise<void>,
): Promise<void> {
  switch (step.kind) {
    case 'raw':
      exchange.response.writeHead(step.status, step.headers ?? {});
      exchange.response.end(step.body);
      return;
    case 'hang':
      await hang(exchange);
      return;
    case 'recorded':
      await replay(exchange, step);
      return;
  }
}

/** The steps `answerCommonStep` answers. */
export function isCommonStep(step: SimulatorStep): step is CommonStep {
  return step.kind === 'raw' || step.kind === 'hang' || step.kind === 'recorded';
}
