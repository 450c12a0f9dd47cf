import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Types that are already compressed (or carry their own framing): compressing them again costs CPU
 * on a 2-core box and saves nothing. Office files are zip archives.
 */
const ALREADY_COMPRESSED = [
  /^image\/(png|jpe?g|gif|webp|avif)/i,
  /^application\/pdf/i,
  /^application\/(zip|gzip|x-gzip|x-bzip2|x-7z-compressed)/i,
  /^application\/vnd\.openxmlformats-officedocument\./i,
  /^application\/vnd\.oasis\.opendocument\./i,
  /^font\/woff2?/i,
];

/**
 * gzip/brotli for the web app and JSON on weak connections. Server-sent events are never compressed:
 * zlib buffers until a flush, so the bell's events would sit in the compressor instead of reaching the phone.
 */
export function compressResponses(): RequestHandler {
  return compression({
    filter: (req: Request, res: Response) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (/^text\/event-stream/i.test(type) || (req.headers.accept ?? '').includes('text/event-stream')) return false;
      if (ALREADY_COMPRESSED.some((re) => re.test(type))) return false;
      return compression.filter(req, res);
    },
  });
}
