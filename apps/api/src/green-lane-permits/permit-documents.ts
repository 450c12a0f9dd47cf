import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import type { GreenLanePermitView } from '@agrilink/core';

/** DejaVu Sans carries every Vietnamese diacritic; the npm package puts the same file on every machine. */
const FONT_FILES = { body: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' };
let fonts: { body: Buffer; bold: Buffer } | undefined;
/** Read once per process: the files are 700 kB each. */
function fontFiles(): { body: Buffer; bold: Buffer } {
  fonts ??= {
    body: readFileSync(require.resolve(FONT_FILES.body)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fonts;
}

const KIND_VI: Record<string, string> = {
  pickup: 'Xe bán tải',
  van: 'Xe tải van',
  truck: 'Xe tải',
  container_truck: 'Xe container',
  tractor_trailer: 'Xe đầu kéo',
};

/** dd/mm/yyyy, as on Vietnamese papers. */
function viDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

function xml(text: string): string {
  const entity = new Map([
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['&', '&amp;'],
    ['"', '&quot;'],
    ["'", '&apos;'],
  ]);
  return text.replace(/[<>&"']/g, (c) => entity.get(c) ?? c);
}

/** The QR with the code, plate and dates under it, for a phone screen or a windscreen. */
export async function permitSvg(p: GreenLanePermitView): Promise<string> {
  const qr = await QRCode.toString(p.qr.text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const inner = qr.replace(/^<svg /, '<svg x="20" y="56" width="320" height="320" ');
  const line = (y: number, text: string, size: number, weight = 'normal') =>
    `<text x="180" y="${y}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" font-weight="${weight}">${xml(text)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="500" viewBox="0 0 360 500">`,
    `<rect width="360" height="500" fill="#ffffff"/>`,
    `<rect x="0" y="0" width="360" height="44" fill="#137333"/>`,
    `<text x="180" y="29" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="18" font-weight="bold" fill="#ffffff">LUỒNG XANH · GREEN LANE</text>`,
    inner,
    line(410, p.plate, 30, 'bold'),
    line(440, `${viDate(p.validFrom)} – ${viDate(p.validTo)}`, 18),
    line(470, p.code, 18, 'bold'),
    `</svg>`,
  ].join('');
}

export function permitPng(p: GreenLanePermitView): Promise<Buffer> {
  return QRCode.toBuffer(p.qr.text, { type: 'png', margin: 2, width: 640, errorCorrectionLevel: 'M' });
}

/** One A4 page for the driver: the QR large, the plate, the dates, the operator and how to check it. */
export async function permitPdf(p: GreenLanePermitView, checkUrl: string): Promise<Buffer> {
  const png = await QRCode.toBuffer(p.qr.text, { type: 'png', margin: 2, width: 480, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Giấy phép luồng xanh ${p.code}`,
      Author: 'AgriLink',
      Subject: `${p.plate} ${p.validFrom}–${p.validTo}`,
    },
  });
  doc.registerFont('body', fontFiles().body);
  doc.registerFont('bold', fontFiles().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  doc.rect(0, 0, doc.page.width, 90).fill('#137333');
  doc.fillColor('#ffffff').font('bold').fontSize(24).text('GIẤY PHÉP LUỒNG XANH', 56, 26, { width, align: 'center' });
  doc
    .font('body')
    .fontSize(12)
    .text('Green-lane permit · vận chuyển hàng hoá thiết yếu', 56, 58, { width, align: 'center' });
  doc.fillColor('#000000');
  doc.image(png, (doc.page.width - 300) / 2, 120, { width: 300, height: 300 });
  doc.font('bold').fontSize(40).text(p.plate, 56, 440, { width, align: 'center' });
  doc
    .font('body')
    .fontSize(16)
    .text(`Hiệu lực: từ ${viDate(p.validFrom)} đến hết ${viDate(p.validTo)}`, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(20).text(`Mã giấy phép: ${p.code}`, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('body').fontSize(12);
  const rows: Array<[string, string]> = [
    ['Đơn vị vận tải', p.operatorName],
    ['Loại xe', KIND_VI[p.vehicleKind] ?? p.vehicleKind],
    ['Tỉnh/thành được đi', p.provinceCodes.length ? p.provinceCodes.join(', ') : 'Toàn quốc'],
  ];
  if (p.note) rows.push(['Ghi chú', p.note]);
  for (const [k, v] of rows) doc.font('bold').text(`${k}: `, { continued: true }).font('body').text(v);
  doc.moveDown(1);
  doc
    .fontSize(11)
    .fillColor('#333333')
    .text(
      `Chốt kiểm soát: quét mã QR (kiểm tra chữ ký Ed25519, không cần mạng) hoặc nhập mã tại ${checkUrl}. ` +
        'Giấy phép bị thu hồi hoặc hết hạn thì không còn giá trị.',
      { width },
    );
  doc.fontSize(9).fillColor('#666666').text(`Checkpoints: scan the QR or type the code at ${checkUrl}.`, { width });
  doc.end();
  return done;
}
