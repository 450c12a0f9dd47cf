// Chốt kiểm soát: anyone at a checkpoint scans a permit's QR (or types its code) and gets yes or no.
// With the QR, the Ed25519 signature is checked here with the public key (kept for when the network
// is gone); the online check then says whether the permit was revoked since it was printed.
import './transport.css';
import { api, ApiError, type Schema } from '../api';
import { clear, h, onLeave } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';

const KEY_CACHE = 'agrilink.permitPublicKeyPem';

type Verification = Schema<'PermitVerificationResponse'>;

interface QrPermit {
  payload: string;
  signature: string;
  code: string;
  plate: string;
  validFrom: string;
  validTo: string;
}

function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** `LX1|code|plate|from|to|signature` → its parts; null for anything else (a typed code). */
export function parseQrText(text: string): QrPermit | null {
  const parts = text.trim().split('|');
  if (parts.length !== 6 || parts[0] !== 'LX1') return null;
  return {
    payload: parts.slice(0, 5).join('|'),
    signature: parts[5],
    code: parts[1],
    plate: parts[2],
    validFrom: parts[3],
    validTo: parts[4],
  };
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

async function publicKeyPem(): Promise<string | null> {
  try {
    const body = await api.GET('/api/green-lane-permits/public-key');
    localStorage.setItem(KEY_CACHE, body.publicKeyPem);
    return body.publicKeyPem;
  } catch {
    // Offline: the key kept from an earlier visit still checks signatures.
  }
  return localStorage.getItem(KEY_CACHE);
}

/** WebCrypto Ed25519 (Chromium, Firefox, Safari 17+); null when the browser cannot check it. */
async function signatureValid(qr: QrPermit): Promise<boolean | null> {
  const pem = await publicKeyPem();
  if (!pem || !globalThis.crypto?.subtle) return null;
  try {
    const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      fromBase64Url(qr.signature),
      new TextEncoder().encode(qr.payload),
    );
  } catch {
    return null;
  }
}

type Online = { kind: 'ok'; v: Verification } | { kind: 'unknown' } | { kind: 'bad_code' } | { kind: 'offline' };

async function checkOnline(code: string): Promise<Online> {
  try {
    return { kind: 'ok', v: await api.GET('/api/green-lane-permits/verify/{code}', { params: { path: { code } } }) };
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    if (status === 404) return { kind: 'unknown' };
    if (status === 422 || status === 400) return { kind: 'bad_code' };
    return { kind: 'offline' };
  }
}

export function checkpointScreen(root: HTMLElement): void {
  const box = h('input', {
    type: 'text',
    name: 'permit',
    className: 'checkpoint-input',
    autocomplete: 'off',
    autocapitalize: 'characters',
    placeholder: 'LX-7K3Q-F9M2',
    'aria-label': t('checkpointInput'),
  });
  const verdict = h('div', { className: 'checkpoint-verdict', 'aria-live': 'assertive' });
  const video = h('video', {
    className: 'checkpoint-video',
    playsinline: true,
    muted: true,
    hidden: true,
  }) as HTMLVideoElement;
  const scanNote = h('p', { className: 'muted scan-note' });
  let stream: MediaStream | null = null;
  let scanning = false;

  const stopScan = () => {
    scanning = false;
    stream?.getTracks().forEach((tr) => tr.stop());
    stream = null;
    video.hidden = true;
    scanButton.textContent = t('checkpointScan');
    scanNote.textContent = '';
  };
  onLeave(stopScan);

  const show = (valid: boolean, lines: Array<string | null>, facts: Array<[string, string]>) => {
    clear(verdict);
    verdict.className = `checkpoint-verdict ${valid ? 'valid' : 'invalid'}`;
    verdict.dataset.valid = String(valid);
    verdict.append(h('p', { className: 'verdict-word' }, valid ? t('checkpointValid') : t('checkpointInvalid')));
    if (facts.length)
      verdict.append(
        h('dl', { className: 'verdict-facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      );
    for (const l of lines) if (l) verdict.append(h('p', { className: 'verdict-note' }, l));
  };

  const check = async (text: string) => {
    const input = text.trim();
    if (!input) return;
    clear(verdict);
    verdict.className = 'checkpoint-verdict';
    verdict.append(h('p', {}, t('checkpointChecking')));
    const qr = parseQrText(input);
    const today = todayInVietnam();
    const sig = qr ? await signatureValid(qr) : null;
    if (qr && sig === false) {
      show(false, [t('checkpointBadSignature')], [[t('checkpointPlate'), qr.plate]]);
      return;
    }
    const online = await checkOnline(qr ? qr.code : input);
    if (online.kind === 'ok') {
      const v = online.v;
      const plateOk = !qr || qr.plate === v.plate;
      const facts: Array<[string, string]> = [
        [t('checkpointPlate'), v.plate],
        [t('checkpointOperator'), v.operatorName],
        [t('checkpointValidity'), `${formatDate(v.validFrom)} – ${formatDate(v.validTo)}`],
        [t('checkpointStatus'), t(`permitStatus_${v.status}`)],
      ];
      const time = new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' });
      show(
        v.valid && plateOk,
        [
          sig ? t('checkpointOffline') : null,
          plateOk ? null : t('checkpointPlateMismatch'),
          t('checkpointOnline', { time }),
        ],
        facts,
      );
      return;
    }
    if (online.kind === 'unknown') {
      show(false, [t('checkpointUnknown')], []);
      return;
    }
    if (online.kind === 'bad_code') {
      show(false, [t('checkpointBadCode')], []);
      return;
    }
    // No network: the signed QR alone decides, with its dates; a typed code cannot be checked.
    if (qr && sig) {
      const inDate = qr.validFrom <= today && today <= qr.validTo;
      show(
        inDate,
        [
          t('checkpointOffline'),
          inDate ? null : t('checkpointOutOfDate', { today: formatDate(today) }),
          t('checkpointOfflineOnly'),
        ],
        [
          [t('checkpointPlate'), qr.plate],
          [t('checkpointValidity'), `${formatDate(qr.validFrom)} – ${formatDate(qr.validTo)}`],
        ],
      );
      return;
    }
    show(false, [t('errNetwork')], []);
    return;
  };

  const found = (text: string) => {
    stopScan();
    box.value = text;
    void check(text);
  };

  const startScan = async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      scanNote.textContent = t('checkpointNoCamera');
      return;
    }
    scanning = true;
    video.srcObject = stream;
    video.hidden = false;
    await video.play().catch(() => undefined);
    scanButton.textContent = t('checkpointStopScan');
    scanNote.textContent = t('checkpointScanning');
    // BarcodeDetector where the browser has one; jsQR (loaded only now) elsewhere.
    const Detector = (window as any).BarcodeDetector;
    const detector = Detector
      ? await Promise.resolve(Detector.getSupportedFormats?.())
          .then((f: string[] | undefined) =>
            !f || f.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null,
          )
          .catch(() => null)
      : null;
    const jsQR = detector ? null : (await import('jsqr')).default;
    const canvas = document.createElement('canvas');
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    const tick = async () => {
      if (!scanning) return;
      if (video.readyState >= 2 && video.videoWidth) {
        try {
          if (detector) {
            const codes = await detector.detect(video);
            if (codes[0]?.rawValue) {
              found(codes[0].rawValue);
              return;
            }
          } else if (jsQR) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            g.drawImage(video, 0, 0);
            const img = g.getImageData(0, 0, canvas.width, canvas.height);
            const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
            if (code?.data) {
              found(code.data);
              return;
            }
          }
        } catch {
          // A frame that fails to decode: try the next one.
        }
      }
      window.setTimeout(() => void tick(), 150);
    };
    void tick();
  };

  const scanButton = h(
    'button',
    { type: 'button', className: 'scan', onclick: () => (scanning ? stopScan() : void startScan()) },
    t('checkpointScan'),
  );
  const form = h(
    'form',
    {
      className: 'form checkpoint-form',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void check(box.value);
      },
    },
    h('label', {}, t('checkpointInput'), box),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary check' }, t('checkpointCheck')),
      scanButton,
    ),
  );
  root.append(
    h('h2', {}, t('checkpointTitle')),
    h('p', { className: 'muted' }, t('checkpointIntro')),
    form,
    scanNote,
    video,
    verdict,
  );
  // Fetched now so the key is kept for a later check without network.
  void publicKeyPem();
}
