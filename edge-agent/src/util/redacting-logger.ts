import { maskPhone, maskPhonesInText } from '@storefloor/core';
import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

/**
 * Fields no log line of the agent shows (issue 16: nothing personal in any log line), wherever a caller puts
 * them: bearer tokens and cookies of a request, a lane's token or stream ticket, an enrollment code or a
 * supervisor PIN in a body, a member's phone or e-mail. `code` alone is left: it is the agent's error code.
 */
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.query.token',
  'req.query.ticket',
  'req.query.code',
  'req.query.phone',
  'token',
  'ticket',
  'enrollmentCode',
  'pin',
  'phone',
  'email',
  'body.code',
  'body.token',
  'body.ticket',
  'body.pin',
  '*.token',
  '*.ticket',
  '*.enrollmentCode',
  '*.pin',
  '*.phone',
  '*.email',
];

const CENSOR = '[Redacted]';

/** Query parameters whose value is a secret, replaced whole. */
const SECRET_PARAMS = new Set(['token', 'ticket', 'code', 'email', 'pin']);
/** Query parameters holding a phone or card number, masked as receipts show it (`138****1234`). */
const NUMBER_PARAMS = new Set(['phone', 'card']);
const EMAIL_IN_TEXT = /[^\s/?&=#@"']+(?:@|%40)[^\s/?&=#@"']+\.[a-z]{2,}/gi;

/**
 * A request URL as a log line may show it: the values of `token`, `ticket`, `code`, `pin` and `email` replaced,
 * a `phone` or `card` value masked with core's maskPhone, and any mainland mobile number or e-mail address
 * elsewhere in the URL (a path segment) masked too. Method and path stay readable.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  const masked =
    query < 0
      ? url
      : `${url.slice(0, query)}?${url
          .slice(query + 1)
          .split('&')
          .map((pair) => {
            const equals = pair.indexOf('=');
            if (equals < 0) return pair;
            const name = pair.slice(0, equals).toLowerCase();
            if (SECRET_PARAMS.has(name)) return `${pair.slice(0, equals)}=${CENSOR}`;
            if (!NUMBER_PARAMS.has(name)) return pair;
            let value = pair.slice(equals + 1);
            try {
              value = decodeURIComponent(value.replace(/\+/g, ' '));
            } catch {
              // Not valid percent-encoding: mask the raw text.
            }
            return `${pair.slice(0, equals)}=${maskPhone(value) || '*'.repeat(Math.min(value.length, 8))}`;
          })
          .join('&')}`;
  return redactText(masked);
}

/** Free text (a message, an error's message or stack) with phone numbers, e-mails and URL secrets masked. */
export function redactText(text: string): string {
  return maskPhonesInText(
    text
      .replace(/([?&](?:token|ticket|code|pin)=)[^&#\s"']*/gi, `$1${CENSOR}`)
      .replace(EMAIL_IN_TEXT, CENSOR),
  );
}

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

const serializers: pino.LoggerOptions['serializers'] = {
  req: (request: LoggedRequest) => ({
    method: request.method,
    url: typeof request.url === 'string' ? redactUrl(request.url) : request.url,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
  err: (error: Error) => {
    const serialized = pino.stdSerializers.err(error);
    if (typeof serialized.message === 'string') serialized.message = redactText(serialized.message);
    if (typeof serialized.stack === 'string') serialized.stack = redactText(serialized.stack);
    return serialized;
  },
};

type LoggerOption = FastifyServerOptions['logger'];

/**
 * The agent's pino logger from the `logger` option (pino options with an optional `stream` or `file`; `true`
 * or nothing for info; `false` for silence), always with the agent's redaction: the paths above censored, request URLs through
 * `redactUrl`, error messages and string arguments through `redactText`. Caller serializers are kept, except
 * `req` and `err`, which stay the redacting ones.
 */
export function redactingLogger(logger: LoggerOption): pino.Logger {
  if (logger === false) return pino({ level: 'silent' });
  const given = (
    logger === true || logger === undefined || logger === null ? {} : logger
  ) as pino.LoggerOptions & {
    stream?: pino.DestinationStream;
    file?: string;
  };
  const { stream, file, redact, ...options } = given;
  const extraPaths = Array.isArray(redact) ? redact : (redact?.paths ?? []);
  const destination = stream ?? (file ? pino.destination(file) : undefined);
  const settings: pino.LoggerOptions = {
    level: 'info',
    ...options,
    redact: { paths: [...REDACTED_PATHS, ...extraPaths], censor: CENSOR },
    serializers: { ...options.serializers, ...serializers },
    hooks: {
      ...options.hooks,
      logMethod(args, method) {
        const masked: unknown[] = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
        // Without a message pino takes an error's own message as it stands: give it the masked one.
        if (masked.length === 1) {
          const only = masked[0] as { err?: unknown; msg?: unknown } | undefined;
          const error = only instanceof Error ? only : only?.msg === undefined ? only?.err : undefined;
          if (error instanceof Error) masked.push(redactText(error.message));
        }
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(settings, destination) : pino(settings);
}
