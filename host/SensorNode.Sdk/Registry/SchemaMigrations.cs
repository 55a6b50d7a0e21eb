using Microsoft.Data.Sqlite;

namespace SensorNode.Sdk.Registry;

/// <summary>One schema step. Versions are consecutive from 1; a step runs once, inside one transaction together
/// with the row that records it, so a failed step leaves the schema exactly at the previous version.</summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql);

internal static class SchemaMigrations
{
    /// <summary>The registry schema history. Append only: never edit a released step.</summary>
    public static readonly IReadOnlyList<SchemaMigration> All =
    [
        new(1, "initial", """
            CREATE TABLE sites (
                site_id TEXT PRIMARY KEY,
                name TEXT NOT NULL
            );
            CREATE TABLE assets (
                asset_id INTEGER PRIMARY KEY AUTOINCREMENT,
                site_id TEXT NOT NULL REFERENCES sites(site_id),
                name TEXT NOT NULL,
                manufacturer TEXT,
                model TEXT,
                serial_number TEXT,
                location TEXT,
                UNIQUE (site_id, name)
            );
            CREATE TABLE nodes (
                node_id TEXT PRIMARY KEY,
                site_id TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('discovered', 'adopted')),
                asset_id INTEGER REFERENCES assets(asset_id),
                display_name TEXT,
                firmware_version TEXT,
                board TEXT,
                config_hash TEXT,
                first_seen_ms INTEGER NOT NULL,
                last_seen_ms INTEGER,
                adopted_ms INTEGER
            );
            CREATE TABLE sensors (
                node_id TEXT NOT NULL REFERENCES nodes(node_id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                model TEXT,
                unit TEXT,
                sample_rate_hz REAL,
                channels INTEGER,
                PRIMARY KEY (node_id, kind)
            );
            CREATE TABLE calibration (
                node_id TEXT NOT NULL REFERENCES nodes(node_id) ON DELETE CASCADE,
                sensor TEXT NOT NULL,
                parameter TEXT NOT NULL,
                value REAL NOT NULL,
                updated_ms INTEGER NOT NULL,
                PRIMARY KEY (node_id, sensor, parameter)
            );
            CREATE TABLE thresholds (
                node_id TEXT NOT NULL REFERENCES nodes(node_id) ON DELETE CASCADE,
                feature TEXT NOT NULL,
                warning REAL,
                alarm REAL,
                hysteresis REAL,
                updated_ms INTEGER NOT NULL,
                PRIMARY KEY (node_id, feature)
            );
            CREATE TABLE firmware (
                version TEXT NOT NULL,
                board TEXT NOT NULL,
                sha256 TEXT,
                added_ms INTEGER NOT NULL,
                notes TEXT,
                PRIMARY KEY (version, board)
            );
            """),
        new(2, "online status, alarm on-delay, node keys and command counters", """
            ALTER TABLE nodes ADD COLUMN online INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE nodes ADD COLUMN status_ms INTEGER;
            ALTER TABLE thresholds ADD COLUMN on_delay_s INTEGER;
            CREATE TABLE node_keys (
                node_id TEXT PRIMARY KEY,
                command_key BLOB NOT NULL,
                command_counter INTEGER NOT NULL DEFAULT 0,
                updated_ms INTEGER NOT NULL
            );
            """),
        new(3, "config results and lookup indexes", """
            ALTER TABLE nodes ADD COLUMN last_config_result TEXT;
            ALTER TABLE nodes ADD COLUMN desired_config_hash TEXT;
            CREATE INDEX ix_nodes_state ON nodes(state);
            CREATE INDEX ix_nodes_site ON nodes(site_id);
            CREATE INDEX ix_assets_site ON assets(site_id);
            """),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>Brings the database to <paramref name="targetVersion"/> (default: latest). Returns the version reached.</summary>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, int? targetVersion = null)
    {
        int target = targetVersion ?? migrations[^1].Version;
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_ms INTEGER NOT NULL
            );
            """);
        int current = CurrentVersion(connection);
        int known = migrations[^1].Version;
        if (current > known)
            throw new RegistryException($"The registry schema is at version {current}, newer than this SDK knows ({known}). Update the SDK; the file was not changed.");
        foreach (var migration in migrations)
        {
            if (migration.Version <= current || migration.Version > target) continue;
            if (migration.Version != current + 1)
                throw new RegistryException($"Registry migration {migration.Version} follows version {current}: the migration list has a hole.");
            using var transaction = connection.BeginTransaction();
            try
            {
                Execute(connection, migration.Sql, transaction);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
                transaction.Commit();
            }
            catch (Exception ex) when (ex is not RegistryException)
            {
                transaction.Rollback();
                throw new RegistryException($"Registry migration {migration.Version} ('{migration.Name}') failed and was rolled back; the schema stays at version {current}: {ex.Message}", ex);
            }
            current = migration.Version;
        }
        return current;
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
