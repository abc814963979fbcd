import type { TransportFailureReason } from './byte-transport.js';

/** Maps an OS error from opening a port or socket to a stable reason. Pure. */
export function classifyOpenError(error: unknown): TransportFailureReason {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EACCES' || code === 'EPERM' || /EACCES|EPERM|Permission denied/i.test(message)) {
    return 'permission-denied';
  }
  if (code === 'ENOENT' || /ENOENT|No such file|not found/i.test(message)) return 'port-missing';
  if (code === 'EBUSY' || /EBUSY|resource busy|Cannot lock port/i.test(message)) return 'port-busy';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return 'connection-refused';
  if (code === 'ETIMEDOUT') return 'no-answer';
  return 'open-failed';
}
