import { Transform, type Writable } from 'node:stream';
import express, { type Express, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { MAX_SUBMISSION_BYTES } from '../contribute/check-submission.js';
import { LIST_FIELDS } from '../contribute/note-form.js';

/*
 * What a visitor may send, by form: every body parser has a total that matches its form and is
 * enforced while the body streams in (a longer body is refused before it is buffered), and a count
 * of fields near what the form has. Addresses are capped too. These numbers are the request side of
 * the resource budget; the work done on what is read has its own (render-pool.ts).
 */

/** The longest address answered; longer ones are 414 before anything reads them. */
export const MAX_URL_BYTES = 2048;
/** The contribution form's `body` field: a submission (1 MB) and room for the form's line endings. */
export const MAX_BODY_FIELD_BYTES = 1_100_000;
/** Any other field of the contribution form: the longest (sources, 10,000 characters) in UTF-8. */
export const MAX_FIELD_BYTES = 32 * 1024;
/** The most values the form reads for one list field (note-form.ts). */
const MAX_LIST_VALUES = 50;
/** The form's single fields (text, radio buttons, yes/no, hidden state, the submitter), with room to spare. */
const SINGLE_FIELDS = 32;
/** Fields the contribution form can send: its single fields and up to 50 values for each list (jurisdictions too). */
export const CONTRIBUTE_FIELDS = SINGLE_FIELDS + MAX_LIST_VALUES * (LIST_FIELDS.length + 1);
/** The whole contribution form: the body field, an uploaded file, and every other field. */
export const MAX_CONTRIBUTE_BYTES = MAX_BODY_FIELD_BYTES + MAX_SUBMISSION_BYTES + 64 * 1024;

/** A request the server refuses for its size or shape: the error handler answers with its status. */
export class RequestLimitError extends Error {
  override name = 'RequestLimitError';
  constructor(
    message: string,
    readonly status: 400 | 411 | 413 | 414,
  ) {
    super(message);
  }
}

/** 414 for an address over MAX_URL_BYTES: a query string is work (parsing, and a page's links repeat it). */
export function refuseLongAddresses(): RequestHandler {
  return (req, _res, next) =>
    next(req.originalUrl.length > MAX_URL_BYTES ? new RequestLimitError(`The address is longer than ${MAX_URL_BYTES} bytes.`, 414) : undefined);
}

/**
 * The URL-encoded and JSON parsers, each mounted where a form posts, with that form's total and
 * field count (body-parser counts bytes as they arrive and stops at the limit). Longer mount paths
 * come first: a body is parsed once, by the first parser that matches.
 */
export function addBodyParsers(app: Express): void {
  const form = (paths: string[], limit: number, parameterLimit: number) => app.use(paths, express.urlencoded({ extended: false, limit, parameterLimit }));
  // Sign-in: name, password (at most 1,000 characters), token, where to go next.
  form(['/login', '/editor/login'], 16 * 1024, 10);
  form(['/logout', '/editor/logout'], 1024, 5);
  // A decision: the action, a comment of 2,000 characters (each up to 9 bytes encoded), the token.
  form(['/editor'], 24 * 1024, 10);
  // Profiles (about 3,500 characters of text and up to 100 areas of expertise), invitations, joining.
  form(['/network'], 48 * 1024, 150);
  // The contribution form is multipart (readContributeForm); the same totals if it arrives encoded.
  form(['/contribute'], MAX_CONTRIBUTE_BYTES, CONTRIBUTE_FIELDS);
  app.use('/api/submissions', express.json({ limit: MAX_BODY_FIELD_BYTES }));
}

/**
 * The contribution form as multipart: at most one .md file of 1 MB, kept in memory only; the
 * `body` field up to 1.1 MB and every other field a few KB; at most CONTRIBUTE_FIELDS fields; plain
 * field names (no `a[b]` objects). The whole request is capped at MAX_CONTRIBUTE_BYTES before
 * multer reads it: by its Content-Length when it says one, and by counting the bytes as they stream
 * in otherwise, so a request can never hold more memory than its form can fill. multer's field
 * limit is one size for every field: the body's; the few-KB limit of the others is checked as each
 * completes, within that total.
 */
export function readContributeForm(): RequestHandler {
  // multer 2.5 takes `streamHandler` (its README); @types/multer does not know it yet.
  const options: multer.Options & { streamHandler: (req: Request, busboy: Writable) => void } = {
    storage: multer.memoryStorage(),
    limits: {
      fileSize: MAX_SUBMISSION_BYTES,
      files: 1,
      fieldSize: MAX_BODY_FIELD_BYTES,
      fields: CONTRIBUTE_FIELDS,
      parts: CONTRIBUTE_FIELDS + 1,
      fieldNameSize: 100,
      headerPairs: 20,
      fieldNestingDepth: 0,
    },
    streamHandler: (req, busboy) => {
      let bytes = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > MAX_CONTRIBUTE_BYTES ? new RequestLimitError('The form is larger than it can be.', 413) : undefined, chunk);
        },
      });
      counted.on('error', (error) => busboy.destroy(error));
      req.pipe(counted).pipe(busboy);
    },
  };
  const upload = multer(options).single('file');
  return (req, res, next) => {
    const type = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(type)) return next();
    if (!/;\s*boundary=/i.test(type)) return next(new RequestLimitError('The form has no boundary: it cannot be read.', 400));
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > MAX_CONTRIBUTE_BYTES) return next(new RequestLimitError('The form is larger than it can be.', 413));
    upload(req, res, (error?: unknown) => {
      if (error) return next(error);
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(body)) {
        const values = Array.isArray(value) ? value : [value];
        const limit = name === 'body' ? MAX_BODY_FIELD_BYTES : MAX_FIELD_BYTES;
        if (values.some((item) => typeof item === 'string' && Buffer.byteLength(item, 'utf8') > limit)) {
          return next(new RequestLimitError(`The field "${name.slice(0, 40)}" is longer than the form allows.`, 413));
        }
      }
      next();
    });
  };
}
