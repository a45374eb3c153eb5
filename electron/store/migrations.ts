/**
 * The ordered, in-code list of schema migrations. Each runs once, in its own transaction, and
 * bumps PRAGMA user_version (mirrored in schema_version). Never reorder or edit a released entry:
 * add a new one.
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: '初始结构',
    up(db) {
      db.exec(`
        CREATE TABLE schema_version (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE years (year INTEGER PRIMARY KEY, note TEXT, created_at TEXT NOT NULL);
        CREATE TABLE targets (
          id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
          group_code TEXT, active INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX targets_kind ON targets(kind, active);
        CREATE TABLE persons (
          id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          updated_at TEXT NOT NULL, UNIQUE(name, target));
        CREATE TABLE schemes (
          id INTEGER PRIMARY KEY, year INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
          target_kind TEXT NOT NULL, json TEXT NOT NULL, valid INTEGER NOT NULL,
          problems INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL, UNIQUE(year, code));
        -- Clustered on its key (WITHOUT ROWID): scoring reads a whole (year, scheme) range in order.
        -- No index on target / import_id: targets and imports are never deleted or re-coded, and
        -- every extra index slows a province import.
        CREATE TABLE indicator_values (
          year INTEGER NOT NULL, scheme TEXT NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          indicator TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('number', 'label', 'na')),
          number TEXT, label TEXT, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,
          import_id INTEGER REFERENCES imports(id),
          PRIMARY KEY (year, scheme, target, indicator),
          FOREIGN KEY (year, scheme) REFERENCES schemes(year, code) ON DELETE CASCADE) WITHOUT ROWID;
        CREATE TABLE value_history (
          id INTEGER PRIMARY KEY, year INTEGER NOT NULL, scheme TEXT NOT NULL, target TEXT NOT NULL,
          indicator TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL, at TEXT NOT NULL,
          who TEXT NOT NULL, reason TEXT, import_id INTEGER);
        CREATE INDEX value_history_cell ON value_history(year, scheme, target, indicator);
        CREATE TABLE adjustments (
          id INTEGER PRIMARY KEY, year INTEGER NOT NULL, scheme TEXT NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('bonus', 'deduction')), points TEXT NOT NULL,
          reason TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
          FOREIGN KEY (year, scheme) REFERENCES schemes(year, code) ON DELETE CASCADE);
        CREATE INDEX adjustments_scheme ON adjustments(year, scheme);
        CREATE TABLE vetoes (
          year INTEGER NOT NULL, scheme TEXT NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          reason TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
          PRIMARY KEY (year, scheme, target),
          FOREIGN KEY (year, scheme) REFERENCES schemes(year, code) ON DELETE CASCADE);
        CREATE TABLE salary_inputs (
          id INTEGER PRIMARY KEY, year INTEGER NOT NULL,
          person_id INTEGER NOT NULL REFERENCES persons(id), scheme TEXT NOT NULL,
          base TEXT NOT NULL, performance_base TEXT NOT NULL, months INTEGER NOT NULL,
          cap TEXT, updated_at TEXT NOT NULL, UNIQUE(year, person_id));
        CREATE TABLE allocations (
          id INTEGER PRIMARY KEY, year INTEGER NOT NULL, scheme TEXT NOT NULL, amount TEXT NOT NULL,
          excluded_grades TEXT NOT NULL, factors TEXT, parts TEXT NOT NULL, sum TEXT NOT NULL,
          created_at TEXT NOT NULL, created_by TEXT NOT NULL, UNIQUE(year, scheme),
          FOREIGN KEY (year, scheme) REFERENCES schemes(year, code) ON DELETE CASCADE);
        CREATE TABLE imports (
          id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL, bytes BLOB NOT NULL,
          sha256 TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL, year INTEGER, scheme TEXT,
          outcome TEXT NOT NULL);
        CREATE INDEX imports_sha ON imports(sha256);
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
          entity TEXT NOT NULL, key TEXT NOT NULL, old TEXT, new TEXT, reason TEXT);
        CREATE INDEX audit_at ON audit_log(at);
        CREATE TABLE locks (
          year INTEGER NOT NULL, scheme TEXT NOT NULL, locked_at TEXT NOT NULL,
          locked_by TEXT NOT NULL, fingerprint TEXT NOT NULL, results TEXT NOT NULL,
          PRIMARY KEY (year, scheme));
      `);
    },
  },
  {
    version: 2,
    name: '上年数（增长率指标的基数）',
    up(db) {
      // excel.md "Last year's value (上年数)": kept per (year, scheme, target, indicator) beside
      // this year's values, with its own history (an import's baselines can be undone with it).
      db.exec(`
        CREATE TABLE value_baselines (
          year INTEGER NOT NULL, scheme TEXT NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          indicator TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('number', 'na')),
          number TEXT, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,
          import_id INTEGER REFERENCES imports(id),
          PRIMARY KEY (year, scheme, target, indicator),
          FOREIGN KEY (year, scheme) REFERENCES schemes(year, code) ON DELETE CASCADE) WITHOUT ROWID;
        CREATE TABLE baseline_history (
          id INTEGER PRIMARY KEY, year INTEGER NOT NULL, scheme TEXT NOT NULL, target TEXT NOT NULL,
          indicator TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL, at TEXT NOT NULL,
          who TEXT NOT NULL, reason TEXT, import_id INTEGER);
        CREATE INDEX baseline_history_cell ON baseline_history(year, scheme, target, indicator);
      `);
    },
  },
  {
    // Targets are appraised in a span of years (from..to, both optional, inclusive) instead of an
    // on/off flag; a lock keeps the roster and salary lines it froze. Codes are unique without
    // regard to case.
    //
    // The old flag: an active target gets no span (every year). A target that was switched off
    // ("停用后不再参加以后的考核计分；历史数据保留") keeps its history: it is appraised up to the
    // last year that holds any of its data (values, bonus/deduction items, vetoes, a locked
    // result); with no data at all, up to the year before the earliest scheme year (or before the
    // year it was switched off when there is no scheme), so it takes part in no year.
    version: 3,
    name: '考核对象的考核年度；定稿冻结名单',
    up(db) {
      db.exec(`
        ALTER TABLE targets ADD COLUMN from_year INTEGER;
        ALTER TABLE targets ADD COLUMN to_year INTEGER;
        ALTER TABLE locks ADD COLUMN snapshot TEXT;
      `);
      const off = db.prepare('SELECT code, updated_at FROM targets WHERE active = 0').all() as {
        code: string;
        updated_at: string;
      }[];
      if (off.length > 0) {
        const lastYear = db.prepare(`
          SELECT max(year) AS y FROM (
            SELECT year FROM indicator_values WHERE target = @code
            UNION ALL SELECT year FROM adjustments WHERE target = @code
            UNION ALL SELECT year FROM vetoes WHERE target = @code
            UNION ALL SELECT l.year FROM locks l, json_each(l.results, '$.results') r
              WHERE json_extract(r.value, '$.target') = @code)`);
        const firstScheme = (db.prepare('SELECT min(year) AS y FROM schemes').get() as { y: number | null }).y;
        const setTo = db.prepare('UPDATE targets SET to_year = ? WHERE code = ?');
        for (const t of off) {
          const last = (lastYear.get({ code: t.code }) as { y: number | null }).y;
          const offYear = Number(t.updated_at.slice(0, 4)) || new Date().getFullYear();
          setTo.run(last ?? (firstScheme ?? offYear) - 1, t.code);
        }
      }
      db.exec(`
        DROP INDEX targets_kind;
        ALTER TABLE targets DROP COLUMN active;
        CREATE INDEX targets_kind ON targets(kind);
      `);
      // Case-insensitive uniqueness, when the data allows it (the services refuse new clashes anyway).
      const clash = db.prepare('SELECT lower(code) FROM targets GROUP BY lower(code) HAVING count(*) > 1').get();
      if (!clash) db.exec('CREATE UNIQUE INDEX targets_code_nocase ON targets(lower(code))');
    },
  },
  {
    version: 4,
    name: '发放主体、绩效工资总量、医保结余分配',
    up(db) {
      db.exec(`
        -- 发放主体 set by hand (县财政 or a group's code); NULL = the default of finance.md.
        ALTER TABLE salary_inputs ADD COLUMN payer TEXT;
        CREATE TABLE pay_totals (
          year INTEGER NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          proposed TEXT NOT NULL, benchmark TEXT NOT NULL, multiple TEXT NOT NULL, excluded TEXT NOT NULL,
          updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
          PRIMARY KEY (year, target));
        CREATE TABLE surplus_splits (
          year INTEGER NOT NULL,
          target TEXT NOT NULL REFERENCES targets(code) ON UPDATE CASCADE,
          amount TEXT NOT NULL, split TEXT NOT NULL, tiers TEXT, result TEXT NOT NULL, reason TEXT NOT NULL,
          updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
          PRIMARY KEY (year, target));
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
