import { createHash } from 'node:crypto';
import { inlineScriptHashes } from './web-inline-scripts';

describe('inlineScriptHashes', () => {
  it('names each inline script by the sha256 of its text, and skips scripts loaded from a file', () => {
    const body = '\n  window.x = 1;\n';
    const sut = inlineScriptHashes(
      `<head><script>${body}</script><script type="module" crossorigin src="/assets/index-abc.js"></script><script></script></head>`,
    );
    expect(sut).toEqual([`'sha256-${createHash('sha256').update(body).digest('base64')}'`]);
  });
});
