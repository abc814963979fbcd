export { CHANGES_CHANNEL, REVOCATIONS_CHANNEL } from './channels.js';
export { openSseSink } from './sse-sink.js';
export type { StreamHubOptions, StreamSink } from './stream-hub.js';
export { RESYNC_EVENT, StreamHub } from './stream-hub.js';
