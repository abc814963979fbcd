/**
 * The UnifiedPOS device lifecycle: open → claim → enable, then disable → release → close.
 * A call out of order is a programming error in the caller, so it throws (STYLE.md, "Errors").
 */
export type DeviceState = 'closed' | 'opened' | 'claimed' | 'enabled';

export type LifecycleStep = 'open' | 'claim' | 'enable' | 'disable' | 'release' | 'close';

const TRANSITIONS: Readonly<Record<LifecycleStep, { from: DeviceState; to: DeviceState }>> = {
  open: { from: 'closed', to: 'opened' },
  claim: { from: 'opened', to: 'claimed' },
  enable: { from: 'claimed', to: 'enabled' },
  disable: { from: 'enabled', to: 'claimed' },
  release: { from: 'claimed', to: 'opened' },
  close: { from: 'opened', to: 'closed' },
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly deviceId: string,
    readonly step: LifecycleStep,
    readonly state: DeviceState,
  ) {
    super(`device ${deviceId}: cannot ${step} while ${state} (needs ${TRANSITIONS[step].from})`);
  }
}

/** The state after `step`, or throws if `step` is not legal from `state`. */
export function nextState(deviceId: string, state: DeviceState, step: LifecycleStep): DeviceState {
  const t = TRANSITIONS[step];
  if (t.from !== state) throw new IllegalTransitionError(deviceId, step, state);
  return t.to;
}

/** The steps that take `state` back down to `closed`, in order. */
export function stepsToClose(state: DeviceState): LifecycleStep[] {
  switch (state) {
    case 'enabled':
      return ['disable', 'release', 'close'];
    case 'claimed':
      return ['release', 'close'];
    case 'opened':
      return ['close'];
    case 'closed':
      return [];
  }
}
