import type { KeyObject } from 'node:crypto';
import { parseTrustProxy, splitList } from './config.schema';
import { readPermitSigningKey } from './permit-signing-key';

/**
 * Typed view of the validated environment; features inject this, never read process.env.
 * Built when the Nest container is created (not when modules are imported), so a process
 * or a test that sets its environment first gets exactly what it set.
 */
export class AppConfig {
  constructor(private readonly values: Record<string, unknown>) {}

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the schema validated the value; the getter names its type
  private get<T>(key: string): T {
    return this.values[key] as T;
  }

  /** The same configuration pointed at another database (the embedded one the api's start opened). */
  withDatabaseUrl(url: string): AppConfig {
    return new AppConfig({ ...this.values, DATABASE_URL: url });
  }

  /** The same configuration with every read on the primary: a worker's snapshots and writes need it, so it opens no replica pools. */
  withoutReplicas(): AppConfig {
    return new AppConfig({ ...this.values, DATABASE_REPLICA_URLS: '' });
  }

  get nodeEnv(): 'development' | 'production' | 'test' {
    return this.get('NODE_ENV');
  }
  get port(): number {
    return this.get('PORT');
  }
  get host(): string {
    return this.get('HOST');
  }
  get databaseUrl(): string {
    return this.get('DATABASE_URL');
  }
  /** Where the embedded PostgreSQL (no DATABASE_URL) keeps its files. */
  get pgliteDataDir(): string {
    return this.get('PGLITE_DATA_DIR');
  }
  get databasePoolSize(): number {
    return this.get('DATABASE_POOL_SIZE');
  }
  /** Hot standbys of databaseUrl for map, list and report reads; empty: every read on the primary. */
  get databaseReplicaUrls(): string[] {
    return splitList(this.get('DATABASE_REPLICA_URLS'));
  }
  /** How long a user who wrote reads from the primary; also the most a replica may lag and still be read. */
  get databaseReplicaStickyMs(): number {
    return this.get('DATABASE_REPLICA_STICKY_MS');
  }
  get redisUrl(): string {
    return this.get('REDIS_URL');
  }
  get queuePrefix(): string {
    return this.get('QUEUE_PREFIX');
  }
  get runWorker(): boolean {
    return this.get('RUN_WORKER');
  }
  get jwtSecret(): string {
    return this.get('JWT_SECRET');
  }
  get jwtExpiresIn(): string {
    return this.get('JWT_EXPIRES_IN');
  }
  get jwtRefreshExpiresIn(): string {
    return this.get('JWT_REFRESH_EXPIRES_IN');
  }
  get adminEmail(): string {
    return this.get('ADMIN_EMAIL');
  }
  get adminPassword(): string | undefined {
    return this.get('ADMIN_PASSWORD');
  }
  get adminTotpSecret(): string | undefined {
    return this.get<string>('ADMIN_TOTP_SECRET') || undefined;
  }
  get demoPassword(): string | undefined {
    return this.get('DEMO_PASSWORD');
  }
  get dataDir(): string {
    return this.get('DATA_DIR');
  }
  /** Admins must use a second factor in production. */
  get adminTotpRequired(): boolean {
    return this.nodeEnv === 'production';
  }
  get seedDemo(): boolean {
    return this.get('SEED_DEMO');
  }
  get mapTileUrl(): string {
    return this.get('MAP_TILE_URL');
  }
  get mapTileAttribution(): string {
    return this.get('MAP_TILE_ATTRIBUTION');
  }
  get corsOrigins(): string[] {
    return this.get<string>('CORS_ORIGINS')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  get bodyLimit(): string {
    return this.get('BODY_LIMIT');
  }
  get logLevel(): string {
    return this.get('LOG_LEVEL');
  }
  /** Express `trust proxy`: false, true, a hop count or proxy addresses/subnets. */
  get trustProxy(): boolean | number | string[] {
    return parseTrustProxy(this.get('TRUST_PROXY')) ?? false;
  }
  get rateLimitPerMinute(): number {
    return this.get('RATE_LIMIT_PER_MINUTE');
  }
  get rateLimitWritesPerMinute(): number {
    return this.get('RATE_LIMIT_WRITES_PER_MINUTE');
  }
  get metricsPort(): number {
    return this.get('METRICS_PORT');
  }
  /** Limits on an uploaded spreadsheet (see IMPORT_* in config.schema.ts). */
  get importLimits(): ImportLimits {
    return {
      maxFileBytes: this.get('IMPORT_MAX_FILE_BYTES'),
      maxUncompressedBytes: this.get('IMPORT_MAX_UNCOMPRESSED_BYTES'),
      maxCompressionRatio: this.get('IMPORT_MAX_COMPRESSION_RATIO'),
      maxZipEntries: this.get('IMPORT_MAX_ZIP_ENTRIES'),
      maxRows: this.get('IMPORT_MAX_ROWS'),
      maxColumns: this.get('IMPORT_MAX_COLUMNS'),
      maxCellChars: this.get('IMPORT_MAX_CELL_CHARS'),
      maxSharedStrings: this.get('IMPORT_MAX_SHARED_STRINGS'),
    };
  }
  get supplyLotExpiryCron(): string {
    return this.get('SUPPLY_LOT_EXPIRY_CRON');
  }
  get appBaseUrl(): string {
    return this.get<string>('APP_BASE_URL').replace(/\/+$/, '');
  }
  /** Empty: e-mail is off. */
  get smtpUrl(): string {
    return this.get<string | undefined>('SMTP_URL') ?? '';
  }
  get mailFrom(): string {
    return this.get('MAIL_FROM');
  }
  /** Null while Zalo is not configured (no URL or no token). */
  get zalo(): {
    apiUrl: string;
    accessToken: string;
    templates: { proposals: string; dealConfirmed: string; deliveryRecorded: string };
  } | null {
    const apiUrl = this.get<string | undefined>('ZALO_API_URL') ?? '';
    const accessToken = this.get<string | undefined>('ZALO_ACCESS_TOKEN') ?? '';
    if (!apiUrl || !accessToken) return null;
    return {
      apiUrl,
      accessToken,
      templates: {
        proposals: this.get<string | undefined>('ZALO_TEMPLATE_PROPOSALS') ?? '',
        dealConfirmed: this.get<string | undefined>('ZALO_TEMPLATE_DEAL_CONFIRMED') ?? '',
        deliveryRecorded: this.get<string | undefined>('ZALO_TEMPLATE_DELIVERY_RECORDED') ?? '',
      },
    };
  }
  /** Null while no SMS gateway is configured. */
  get smsGateway(): { url: string; token: string; sender: string } | null {
    const url = this.get<string | undefined>('SMS_GATEWAY_URL') ?? '';
    if (!url) return null;
    return { url, token: this.get<string | undefined>('SMS_GATEWAY_TOKEN') ?? '', sender: this.get('SMS_SENDER') };
  }
  get notificationMaxAttempts(): number {
    return this.get('NOTIFICATION_MAX_ATTEMPTS');
  }
  get notificationRetryBaseMs(): number {
    return this.get('NOTIFICATION_RETRY_BASE_MS');
  }
  get notificationSendTimeoutMs(): number {
    return this.get('NOTIFICATION_SEND_TIMEOUT_MS');
  }
  get notificationPollMs(): number {
    return this.get('NOTIFICATION_POLL_MS');
  }
  /** The Ed25519 key signing green-lane permits, or null when none is configured. */
  get permitSigningKey(): KeyObject | null {
    if (this.signingKey === undefined) {
      this.signingKey = readPermitSigningKey(
        this.get<string | undefined>('PERMIT_SIGNING_KEY_PEM') || undefined,
        this.get<string | undefined>('PERMIT_SIGNING_KEY_FILE') || undefined,
      );
    }
    return this.signingKey;
  }
  private signingKey: KeyObject | null | undefined;
  /** The issuing agency and signer of the weekly report (REPORT_* in config.schema.ts). */
  get officialReport(): OfficialReportConfig {
    const list = (key: string) =>
      this.get<string>(key)
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    return {
      parentAuthority: this.get('REPORT_PARENT_AUTHORITY'),
      agency: this.get('REPORT_AGENCY'),
      agencyName: this.get('REPORT_AGENCY_NAME'),
      place: this.get('REPORT_PLACE'),
      symbol: this.get('REPORT_SYMBOL'),
      recipients: list('REPORT_RECIPIENTS'),
      copyTo: list('REPORT_COPY_TO'),
      archive: this.get('REPORT_ARCHIVE'),
      planReference: this.get('REPORT_PLAN_REFERENCE'),
      signerAuthority: this.get<string>('REPORT_SIGNER_AUTHORITY') || null,
      signerTitle: this.get('REPORT_SIGNER_TITLE'),
      signerName: this.get<string>('REPORT_SIGNER_NAME') || null,
    };
  }
}

export interface OfficialReportConfig {
  parentAuthority: string;
  agency: string;
  agencyName: string;
  place: string;
  symbol: string;
  recipients: string[];
  copyTo: string[];
  archive: string;
  planReference: string;
  signerAuthority: string | null;
  signerTitle: string;
  signerName: string | null;
}

export interface ImportLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxZipEntries: number;
  /** Data rows, the header row not counted. */
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  maxSharedStrings: number;
}
