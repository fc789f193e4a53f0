import { describe, expect, it } from '@jest/globals';
import { FaultSwitches, faultsFromEnv } from './faults';

describe('FaultSwitches', () => {
  it('throttles exactly the next N calls', () => {
    const faults = new FaultSwitches({ throttleNext: 2 });

    const kinds = [faults.next(), faults.next(), faults.next()].map((fault) => fault?.kind);

    expect(kinds).toEqual(['throttle', 'throttle', undefined]);
  });

  it('delays timed-out calls beyond the given timeout', () => {
    const faults = new FaultSwitches({ timeoutNext: 1, timeoutMs: 1000 });

    const fault = faults.next();

    expect(fault).toEqual({ kind: 'timeout', delayMs: 1250 });
  });

  it('fails every call while failAlways is on, until cleared', () => {
    const faults = new FaultSwitches({ failAlways: true, malformedNext: 1 });
    const during = [faults.next(), faults.next()].map((fault) => fault?.kind);

    faults.clear();

    expect(during).toEqual(['fail', 'fail']);
    expect(faults.next()).toBeUndefined();
  });

  it('reads SPENDWISE_LOCAL_MODEL_FAULTS and rejects what is not a JSON object', () => {
    expect(faultsFromEnv('{"malformedNext":2}')).toEqual({ malformedNext: 2 });
    expect(faultsFromEnv(undefined)).toEqual({});
    expect(() => faultsFromEnv('[1]')).toThrow(/SPENDWISE_LOCAL_MODEL_FAULTS/);
  });
});
