import * as Joi from 'joi';
import { readPermitSigningKey } from './permit-signing-key';

/**
 * Every environment variable the service reads, validated once at start-up.
 * A wrong or missing variable stops the process with a message naming it.
 */
export const configSchema = Joi.object<Record<string, unknown>>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().integer().min(0).max(65535).default(3000),
  HOST: Joi.string().default('0.0.0.0'),
  // No DATABASE_URL: an embedded PostgreSQL (PGlite + PostGIS) runs in-process.
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .optional()
    .allow(''),
  DATABASE_POOL_SIZE: Joi.number().integer().min(1).max(200).default(10),
  // Streaming replicas (hot standbys of DATABASE_URL) for map, list and report reads; none: every read on DATABASE_URL.
  DATABASE_REPLICA_URLS: Joi.string()
    .allow('')
    .default('')
    .custom((v: string, helpers) => {
      const urls = splitList(v);
      const bad = urls.find((u) => !/^postgres(ql)?:\/\/\S+$/.test(u));
      if (bad !== undefined) return helpers.error('any.invalid', { bad });
      // Replicas of the embedded database do not exist: the embedded start has no server to stream from.
      const env = (helpers.state.ancestors as Array<Record<string, unknown> | undefined>)[0];
      if (urls.length && !env?.DATABASE_URL) return helpers.error('any.only');
      return v;
    }, 'comma-separated postgres:// URLs')
    .messages({
      'any.invalid': '"DATABASE_REPLICA_URLS" must be comma-separated postgres:// URLs; {#bad} is not one',
      'any.only':
        '"DATABASE_REPLICA_URLS" needs DATABASE_URL: replicas stream from a server PostgreSQL, not from the embedded one',
    }),
  // A user who wrote reads from the primary for this long after the write; a replica further behind than this is not read.
  DATABASE_REPLICA_STICKY_MS: Joi.number().integer().min(0).max(600_000).default(5000),
  PGLITE_DATA_DIR: Joi.string().default('.data/pglite'),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: Joi.string()
    .pattern(/^[A-Za-z0-9:_-]+$/)
    .default('agrilink'),
  // The api process also runs the BullMQ processors unless told otherwise;
  // production runs `apps/worker` apart and sets this to false.
  RUN_WORKER: Joi.boolean().default(true),
  // Generated files (the embedded start's JWT secret, a generated admin password, demo passwords).
  DATA_DIR: Joi.string().default('.data'),
  // Never a default: a constant secret lets anyone sign an admin token. The embedded start
  // generates one into DATA_DIR/jwt-secret before this runs (provideEmbeddedSecrets).
  JWT_SECRET: Joi.string()
    .min(16)
    .invalid('agrilink-dev-secret-change-me', 'change-me-to-a-long-random-secret')
    .required()
    .messages({
      'any.required':
        'JWT_SECRET is required when DATABASE_URL is set (give it 32+ random characters, e.g. `openssl rand -base64 32`; the embedded start without DATABASE_URL generates one in .data/jwt-secret)',
      'any.invalid': 'JWT_SECRET is a published example value; generate a random one (`openssl rand -base64 32`)',
    }),
  // Ed25519 key signing green-lane permits: inline PEM or a file. The embedded start generates one
  // into DATA_DIR/permit-signing-key.pem; a server start without it issues no permits (503).
  PERMIT_SIGNING_KEY_PEM: Joi.string()
    .allow('')
    .optional()
    .custom(
      (v: string, helpers) =>
        signingKeyError(v, undefined) ? helpers.error('any.invalid', { reason: signingKeyError(v, undefined) }) : v,
      'Ed25519 private key',
    )
    .messages({
      'any.invalid':
        '"PERMIT_SIGNING_KEY_PEM" must be an Ed25519 private key in PKCS#8 PEM (openssl genpkey -algorithm ed25519): {#reason}',
    }),
  PERMIT_SIGNING_KEY_FILE: Joi.string()
    .allow('')
    .optional()
    .custom(
      (v: string, helpers) =>
        signingKeyError(undefined, v) ? helpers.error('any.invalid', { reason: signingKeyError(undefined, v) }) : v,
      'Ed25519 private key file',
    )
    .messages({
      'any.invalid':
        '"PERMIT_SIGNING_KEY_FILE" must name a readable file holding an Ed25519 private key in PKCS#8 PEM: {#reason}',
    }),
  JWT_EXPIRES_IN: Joi.string().default('15m'),
  JWT_REFRESH_EXPIRES_IN: Joi.string().default('7d'),
  ADMIN_EMAIL: Joi.string().email({ tlds: false }).default('admin@agrilink.local'),
  // No default: needed only to create the first admin; the embedded start generates one
  // (DATA_DIR/admin-password), a server start without it stops when the admin is missing.
  ADMIN_PASSWORD: Joi.string().min(8).optional(),
  // Base32 TOTP secret of the first admin, so an automated deployment can still sign in
  // where admins need a second factor (NODE_ENV=production).
  ADMIN_TOTP_SECRET: Joi.string()
    .pattern(/^[A-Z2-7]{16,}=*$/i)
    .allow('')
    .optional()
    .messages({ 'string.pattern.base': 'ADMIN_TOTP_SECRET must be base32 (A–Z, 2–7), at least 16 characters' }),
  // One password for every demo user; unset: each gets a generated one (DATA_DIR/demo-users.txt).
  DEMO_PASSWORD: Joi.string().min(8).optional(),
  SEED_DEMO: Joi.boolean().default(true),
  MAP_TILE_URL: Joi.string().allow('').default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_TILE_ATTRIBUTION: Joi.string().allow('').default('© OpenStreetMap contributors'),
  CORS_ORIGINS: Joi.string().allow('').default(''),
  BODY_LIMIT: Joi.string().default('1mb'),
  // Tests log warnings and errors only; each request is an info line elsewhere.
  LOG_LEVEL: Joi.string()
    .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
    .when('NODE_ENV', { is: 'test', then: Joi.optional().default('warn'), otherwise: Joi.optional().default('info') }),
  // Express "trust proxy": false (default, the socket's address is the client), a hop count ("1": one
  // reverse proxy in front), or a comma-separated list of proxy addresses/subnets ("10.0.0.0/8, loopback").
  // Only then does X-Forwarded-For name the client, so only a proxy you run can set it.
  TRUST_PROXY: Joi.string()
    .trim()
    .allow('')
    .default('false')
    .custom(
      (v: string, helpers) => (parseTrustProxy(v) === undefined ? helpers.error('any.invalid') : v),
      'trust proxy setting',
    )
    .messages({
      'any.invalid': '"TRUST_PROXY" must be false, true, a hop count or a comma-separated list of addresses/subnets',
    }),
  // Per signed-in user (per client address when anonymous) and minute, counted in Redis across api replicas;
  // generous defaults so bulk data entry and the test suites pass.
  RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(100_000),
  RATE_LIMIT_WRITES_PER_MINUTE: Joi.number().integer().min(1).default(3_000),
  // A separate worker serves /metrics on this port when set (0: off).
  METRICS_PORT: Joi.number().integer().min(0).max(65535).default(0),
  // Spreadsheet imports. The api holds an upload in memory while storing it, so the file
  // limit bounds its memory; the rest bound what the worker inflates and keeps.
  IMPORT_MAX_FILE_BYTES: Joi.number()
    .integer()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  // Sum of the inflated sizes of the zip entries an .xlsx holds (declared and actual).
  IMPORT_MAX_UNCOMPRESSED_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(200 * 1024 * 1024),
  // Inflated : compressed, per entry larger than 1 MB inflated. Real sheets stay under ~30.
  IMPORT_MAX_COMPRESSION_RATIO: Joi.number().min(2).default(100),
  IMPORT_MAX_ZIP_ENTRIES: Joi.number().integer().min(4).default(1000),
  IMPORT_MAX_ROWS: Joi.number().integer().min(1).default(200_000),
  IMPORT_MAX_COLUMNS: Joi.number().integer().min(1).max(16_384).default(64),
  // Excel's own limit on a cell.
  IMPORT_MAX_CELL_CHARS: Joi.number().integer().min(16).default(32_767),
  IMPORT_MAX_SHARED_STRINGS: Joi.number().integer().min(1).default(2_000_000),
  // When the expiry job turns lots past availableUntil `expired` (cron, Asia/Ho_Chi_Minh): hourly by default.
  SUPPLY_LOT_EXPIRY_CRON: Joi.string().default('1 * * * *'),
  // Where links in e-mails and Zalo messages point (the web app's public address).
  APP_BASE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://localhost:3000'),
  // E-mail is off while SMTP_URL is unset: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
  SMTP_URL: Joi.string()
    .uri({ scheme: ['smtp', 'smtps'] })
    .optional()
    .allow(''),
  MAIL_FROM: Joi.string().default('AgriLink <no-reply@agrilink.local>'),
  // Zalo ZNS (template messages to a phone number) is off until both the URL and the token are set.
  ZALO_API_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .optional()
    .allow(''),
  ZALO_ACCESS_TOKEN: Joi.string().optional().allow(''),
  ZALO_TEMPLATE_PROPOSALS: Joi.string().optional().allow(''),
  ZALO_TEMPLATE_DEAL_CONFIRMED: Joi.string().optional().allow(''),
  ZALO_TEMPLATE_DELIVERY_RECORDED: Joi.string().optional().allow(''),
  // An HTTP SMS gateway (POST JSON {to, from, text}); off while the URL is unset.
  SMS_GATEWAY_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .optional()
    .allow(''),
  SMS_GATEWAY_TOKEN: Joi.string().optional().allow(''),
  SMS_SENDER: Joi.string().max(11).default('AgriLink'),
  // A message is tried this many times (exponential backoff from the base) before it is marked failed.
  NOTIFICATION_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(10),
  NOTIFICATION_RETRY_BASE_MS: Joi.number().integer().min(10).default(30_000),
  // The longest one send may take; a claim on a message outlasts it (3 × + 5 s), so a live sender is never overtaken.
  NOTIFICATION_SEND_TIMEOUT_MS: Joi.number().integer().min(500).max(600_000).default(30_000),
  // How often a worker looks for new notifications to hand to their channels.
  NOTIFICATION_POLL_MS: Joi.number().integer().min(50).max(60_000).default(1_000),
  // The weekly report as an administrative document (Decree 30/2020/NĐ-CP): who issues it, where,
  // to whom and who signs. Lists are separated by ';'. Each can be overridden per download.
  REPORT_PARENT_AUTHORITY: Joi.string().max(200).default('UBND TỈNH AN GIANG'),
  REPORT_AGENCY: Joi.string().max(200).default('SỞ CÔNG THƯƠNG'),
  // The agency as written inside sentences (capitalised as Vietnamese writes it).
  REPORT_AGENCY_NAME: Joi.string().max(200).default('Sở Công Thương'),
  REPORT_PLACE: Joi.string().max(100).default('An Giang'),
  REPORT_SYMBOL: Joi.string().max(40).default('BC-SCT'),
  REPORT_RECIPIENTS: Joi.string()
    .max(1000)
    .default('Tiểu ban Hỗ trợ tiêu thụ nông sản tỉnh;Ủy ban nhân dân tỉnh An Giang'),
  REPORT_COPY_TO: Joi.string()
    .max(1000)
    .allow('')
    .default('Giám đốc, các Phó Giám đốc Sở;Các sở, ngành, UBND các xã, phường, đặc khu (phối hợp)'),
  REPORT_ARCHIVE: Joi.string().max(200).default('VT, QLTM'),
  REPORT_PLAN_REFERENCE: Joi.string().max(300).default('Kế hoạch số 308/KH-TB'),
  REPORT_SIGNER_AUTHORITY: Joi.string().max(100).allow('').default(''),
  REPORT_SIGNER_TITLE: Joi.string().max(100).default('GIÁM ĐỐC'),
  REPORT_SIGNER_NAME: Joi.string().max(100).allow('').default(''),
});

/** TRUST_PROXY text → express's `trust proxy` value; undefined when it is not one. */
export function parseTrustProxy(text: string | undefined): boolean | number | string[] | undefined {
  const v = (text ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v) <= 20 ? Number(v) : undefined;
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:.]*)(\/\d{1,3})?$/;
  return list.length && list.every((a) => named.includes(a) || address.test(a)) ? list : undefined;
}

/** A comma-separated variable's entries, trimmed, empty ones dropped. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function signingKeyError(pem: string | undefined, file: string | undefined): string | null {
  if (!pem && !file) return null;
  try {
    return readPermitSigningKey(pem, file) ? null : 'empty';
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).slice(0, 200);
  }
}
