/// The PostgreSQL store's schema: numbered migrations, each a list of statements, applied in
/// order, once, in one transaction under an advisory lock (`PostgresStore.migrate`), and recorded
/// in `schema_migrations`. A migration, once shipped, never changes: add a new one.
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// The key of the advisory lock that serialises migrations of processes starting at once.
    static let migrationLock: Int64 = 0x656e_6772_6f73_7301

    static let migrations: [Migration] = [
        Migration(version: 1, name: "cases-accounts-audit", statements: [
            // Server secrets (the CSRF secret) and the sealed key check.
            "CREATE TABLE settings (name text PRIMARY KEY, value bytea NOT NULL)",
            "CREATE TABLE organizations (id text PRIMARY KEY, name text NOT NULL UNIQUE, created double precision NOT NULL)",
            """
            CREATE TABLE users (id text PRIMARY KEY, organization_id text NOT NULL REFERENCES organizations (id),
              username text NOT NULL, display_name text NOT NULL, role text NOT NULL, password_hash text NOT NULL,
              active boolean NOT NULL DEFAULT true, created double precision NOT NULL)
            """,
            "CREATE UNIQUE INDEX users_username ON users (lower(username))",
            "CREATE INDEX users_organization ON users (organization_id)",
            // title and json are sealed (FieldCipher): bytea, never text.
            """
            CREATE TABLE cases (id text PRIMARY KEY, organization_id text, owner_id text, title bytea NOT NULL,
              json bytea NOT NULL, created double precision NOT NULL, updated double precision NOT NULL)
            """,
            "CREATE INDEX cases_organization ON cases (organization_id, updated)",
            """
            CREATE TABLE uploads (case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE, id text NOT NULL,
              kind text NOT NULL, size bigint NOT NULL, content bytea NOT NULL, PRIMARY KEY (case_id, id))
            """,
            """
            CREATE TABLE case_shares (case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
              user_id text NOT NULL, PRIMARY KEY (case_id, user_id))
            """,
            "CREATE INDEX case_shares_user ON case_shares (user_id)",
            """
            CREATE TABLE reviews (case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE, slot text NOT NULL,
              user_id text NOT NULL, time double precision NOT NULL, PRIMARY KEY (case_id, slot))
            """,
            """
            CREATE TABLE sessions (id text PRIMARY KEY, user_id text NOT NULL, created double precision NOT NULL,
              last_seen double precision NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE TABLE failed_sign_ins (key text NOT NULL, time double precision NOT NULL)",
            "CREATE INDEX failed_sign_ins_key ON failed_sign_ins (key, time)",
            """
            CREATE TABLE audit_log (sequence bigserial PRIMARY KEY, time double precision NOT NULL,
              organization_id text NOT NULL, actor_id text NOT NULL, actor_name text NOT NULL, action text NOT NULL,
              case_id text, detail text NOT NULL, address text NOT NULL)
            """,
            "CREATE INDEX audit_log_organization ON audit_log (organization_id, sequence)",
            // Append-only in the database itself, whatever a client sends.
            """
            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only: its entries cannot be changed or deleted'; END $$
            """,
            """
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
              FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
            """,
            """
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
              FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
            """,
            """
            CREATE TABLE api_tokens (id text PRIMARY KEY, organization_id text NOT NULL, name text NOT NULL,
              token_hash text NOT NULL UNIQUE, created double precision NOT NULL, revoked boolean NOT NULL DEFAULT false)
            """,
        ]),
    ]
}
