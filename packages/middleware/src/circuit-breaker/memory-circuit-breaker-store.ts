import type {
  BreakerAdmission,
  BreakerRecord,
  BreakerState,
  CircuitBreakerStore,
} from './circuit-breaker-store.js';

interface Circuit {
  state: BreakerState;
  /** The latest failures while closed, oldest first, at most `failureThreshold` of them. */
  failures: number[];
  openedAt: number;
  probes: number;
  lastProbeAt: number;
}

/**
 * Circuits for one process. The Redis store (`@stratum/redis`) follows the same rules in a Lua
 * script, so a fleet shares them. A probe that never reports back (its process died) stops
 * counting after one cooldown, so a half-open circuit cannot stay stuck.
 */
export function createMemoryCircuitBreakerStore(): CircuitBreakerStore {
  const circuits = new Map<string, Circuit>();
  const circuitFor = (key: string): Circuit => {
    let circuit = circuits.get(key);
    if (!circuit) {
      circuit = { state: 'closed', failures: [], openedAt: 0, probes: 0, lastProbeAt: 0 };
      circuits.set(key, circuit);
    }
    return circuit;
  };
  const CLOSED: BreakerAdmission = { allowed: true, state: 'closed', probe: false };

  return {
    admit(key, settings, now): BreakerAdmission {
      const circuit = circuits.get(key);
      if (!circuit || circuit.state === 'closed') return CLOSED;
      if (circuit.state === 'open') {
        const probeAt = circuit.openedAt + settings.cooldownMs;
        if (now < probeAt) return { allowed: false, state: 'open', probe: false, probeAt };
        circuit.state = 'half-open';
        circuit.probes = 1;
        circuit.lastProbeAt = now;
        return { allowed: true, state: 'half-open', probe: true, previous: 'open' };
      }
      if (circuit.probes >= settings.halfOpenMaxProbes) {
        if (now - circuit.lastProbeAt < settings.cooldownMs) {
          return { allowed: false, state: 'half-open', probe: false };
        }
        circuit.probes = 0;
      }
      circuit.probes += 1;
      circuit.lastProbeAt = now;
      return { allowed: true, state: 'half-open', probe: true };
    },

    record(key, outcome, probe, settings, now): BreakerRecord {
      const circuit = circuits.get(key);
      const previous = circuit?.state ?? 'closed';
      if (outcome === 'failure') {
        const open = circuit ?? circuitFor(key);
        if (previous === 'closed') {
          const failures = open.failures.filter((at) => at > now - settings.windowMs);
          failures.push(now);
          if (failures.length >= settings.failureThreshold) {
            Object.assign(open, { state: 'open', failures: [], openedAt: now, probes: 0 });
          } else {
            open.failures = failures.slice(-settings.failureThreshold);
          }
        } else if (previous === 'half-open' && probe) {
          Object.assign(open, { state: 'open', openedAt: now, probes: 0 });
        }
        return { previous, state: open.state };
      }
      if (!circuit || previous !== 'half-open' || !probe) return { previous, state: previous };
      if (outcome === 'success') {
        circuits.delete(key);
        return { previous, state: 'closed' };
      }
      circuit.probes = Math.max(0, circuit.probes - 1);
      return { previous, state: previous };
    },
  };
}
