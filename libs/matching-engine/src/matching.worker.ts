/** Worker thread entry: solves the components it is sent, one message each. */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { runComponent } from './component-run';
import type { ComponentInput } from './model';
import type { LocalAllocations } from './component-solver';

const port = parentPort;
if (port)
  port.on('message', ({ c, warm }: { c: ComponentInput; warm?: LocalAllocations }) => {
    try {
      const r = runComponent(c, () => performance.now(), warm);
      port.postMessage({ ok: true, result: r }, [
        r.allocLot.buffer,
        r.allocReq.buffer,
        r.allocQty.buffer,
        r.allocScore.buffer,
        r.reqBestScore.buffer,
        r.reqMinKm.buffer,
        r.lotBestScore.buffer,
      ] as ArrayBuffer[]);
    } catch (err) {
      port.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
