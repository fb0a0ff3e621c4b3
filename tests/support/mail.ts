/**
 * A local SMTP server (smtp-server on port 0) that keeps each message as it came, and a
 * small MIME reader for what tests assert on: the decoded Subject, the plain-text body and
 * the attachments' bytes.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface Mail {
  to: string[];
  raw: string;
}

export async function startSmtp(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 20 * 2 ** 20,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const at = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, at)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at + 4) };
}

function decode(p: Part): Buffer {
  const enc = (p.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(p.body.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable')
    return Buffer.from(
      p.body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  return Buffer.from(p.body, 'utf8');
}

/** RFC 2047 words in a header, decoded and joined. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decode({
            headers: { 'content-transfer-encoding': 'quoted-printable' },
            body: text.replace(/_/g, ' '),
          }).toString('utf8'),
    );
}

/** Subject, text body and attachments of a multipart message. */
export function readMultipart(raw: string): {
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
} {
  const top = splitPart(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(top.headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? top.body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => splitPart(p.replace(/^\r\n/, '')))
    : [top];
  const text = parts.find((p) => (p.headers['content-type'] ?? '').startsWith('text/plain'));
  return {
    subject: decodeWords(top.headers.subject ?? ''),
    text: text ? decode(text).toString('utf8').replace(/\r\n/g, '\n') : '',
    attachments: parts
      .filter((p) => /attachment/.test(p.headers['content-disposition'] ?? ''))
      .map((p) => ({
        filename: /filename="?([^";]+)"?/.exec(p.headers['content-disposition'] ?? '')?.[1] ?? '',
        contentType: (p.headers['content-type'] ?? '').split(';')[0]!,
        content: decode(p),
      })),
  };
}
