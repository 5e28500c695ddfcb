import type { RoutingDecision } from '../api/types.js';
import { formatUsd } from '../format.js';

/** The router's decision: what it picked, the complexity against the threshold, and why. */
export function RoutingDecisionView({ decision }: { decision: RoutingDecision }) {
  return (
    <div class="decision" data-testid="routing-decision">
      <p>
        <strong data-testid="routed-model">{decision.model}</strong> via route{' '}
        <code>{decision.route}</code> ({decision.strategy})
      </p>
      <dl class="stats">
        <div>
          <dt>complexity</dt>
          <dd data-testid="complexity">
            {decision.complexity === undefined ? '—' : decision.complexity.toFixed(3)}
          </dd>
        </div>
        <div>
          <dt>threshold</dt>
          <dd>{decision.threshold === undefined ? '—' : decision.threshold.toFixed(3)}</dd>
        </div>
        <div>
          <dt>tier</dt>
          <dd>{decision.tier ?? '—'}</dd>
        </div>
        <div>
          <dt>prompt tokens</dt>
          <dd>{decision.estimatedPromptTokens}</dd>
        </div>
      </dl>
      {decision.candidates.length > 0 && (
        <table class="compact">
          <thead>
            <tr>
              <th>candidate</th>
              <th>score</th>
              <th>est. cost</th>
            </tr>
          </thead>
          <tbody>
            {decision.candidates.map((candidate) => (
              <tr key={candidate.model} class={candidate.model === decision.model ? 'chosen' : ''}>
                <td>{candidate.model}</td>
                <td>{candidate.score.toFixed(3)}</td>
                <td>
                  {candidate.estimatedCostUsd === undefined
                    ? '—'
                    : formatUsd(candidate.estimatedCostUsd)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {decision.dropped.length > 0 && (
        <ul class="dropped">
          {decision.dropped.map((dropped) => (
            <li key={dropped.model}>
              <code>{dropped.model}</code> dropped: {dropped.reason} ({dropped.detail})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
