using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SensorNode.Sdk.Registry;

/// <summary>
/// The registry in one SQLite file. WAL journal with synchronous=FULL, so every committed change survives a
/// host crash or power loss. One connection, serialised by a semaphore: SQLite serialises writers anyway, and
/// one host process owns the file (several hosts sharing a registry need a server database behind
/// <see cref="INodeRegistry"/>).
/// </summary>
public sealed class SqliteNodeRegistry : INodeRegistry
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ILogger _logger;

    private SqliteNodeRegistry(SqliteConnection connection, int schemaVersion, ILogger logger)
    {
        _connection = connection;
        SchemaVersion = schemaVersion;
        _logger = logger;
    }

    public int SchemaVersion { get; }

    /// <summary>Full path of the database file.</summary>
    public string FilePath => _connection.DataSource;

    /// <summary>Opens (creating if needed) the registry at <paramref name="path"/> and migrates it to the latest schema.</summary>
    public static Task<SqliteNodeRegistry> OpenAsync(string path, ILogger<SqliteNodeRegistry>? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, SchemaMigrations.All, null, logger, cancellationToken);

    /// <summary>Opens with a given migration list up to a target version: lets tests build an older schema.</summary>
    internal static async Task<SqliteNodeRegistry> OpenAsync(string path, IReadOnlyList<SchemaMigration> migrations, int? targetVersion,
        ILogger? logger, CancellationToken cancellationToken)
    {
        logger ??= NullLogger.Instance;
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory != null) Directory.CreateDirectory(directory);
        bool created = !File.Exists(full);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (created) RestrictToOwner(full);
            Pragma(connection, "PRAGMA journal_mode=WAL;");
            Pragma(connection, "PRAGMA synchronous=FULL;");
            Pragma(connection, "PRAGMA foreign_keys=ON;");
            Pragma(connection, "PRAGMA busy_timeout=10000;");
            int version = SchemaMigrations.Migrate(connection, migrations, targetVersion);
            logger.LogInformation("Registry {Path} open at schema version {Version}", full, version);
            return new SqliteNodeRegistry(connection, version, logger);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new RegistryException($"Cannot open the registry '{full}': {ex.Message}", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The file holds node command keys: only the owner may read it.
    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public Task UpsertSiteAsync(SiteInfo site, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireText(site.Id, "site id");
            Exec(tx, "INSERT INTO sites (site_id, name) VALUES ($id, $name) ON CONFLICT(site_id) DO UPDATE SET name = excluded.name",
                ("$id", site.Id), ("$name", site.Name));
            return 0;
        });

    public Task<IReadOnlyList<SiteInfo>> ListSitesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null, "SELECT site_id, name FROM sites ORDER BY site_id",
            r => new SiteInfo(r.GetString(0), r.GetString(1))));

    public Task<long> AddAssetAsync(AssetInfo asset, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireText(asset.SiteId, "site id");
            RequireText(asset.Name, "asset name");
            Exec(tx, "INSERT INTO sites (site_id, name) VALUES ($id, $id) ON CONFLICT(site_id) DO NOTHING", ("$id", asset.SiteId));
            try
            {
                return Scalar<long>(tx, """
                    INSERT INTO assets (site_id, name, manufacturer, model, serial_number, location)
                    VALUES ($site, $name, $man, $model, $serial, $loc) RETURNING asset_id
                    """,
                    ("$site", asset.SiteId), ("$name", asset.Name), ("$man", asset.Manufacturer), ("$model", asset.Model),
                    ("$serial", asset.SerialNumber), ("$loc", asset.Location));
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new RegistryException($"Site '{asset.SiteId}' already has an asset named '{asset.Name}'.", ex);
            }
        });

    public async Task<AssetInfo?> GetAssetAsync(long assetId, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(cancellationToken, () => Query(null, AssetSelect + " WHERE asset_id = $id", ReadAsset, ("$id", assetId))).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<AssetInfo>> ListAssetsAsync(string? siteId = null, CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null, AssetSelect + " WHERE ($site IS NULL OR site_id = $site) ORDER BY site_id, name", ReadAsset, ("$site", siteId)));

    private const string AssetSelect = "SELECT asset_id, site_id, name, manufacturer, model, serial_number, location FROM assets";

    private static AssetInfo ReadAsset(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), Str(r, 3), Str(r, 4), Str(r, 5), Str(r, 6));

    public Task<BirthOutcome> RecordBirthAsync(NodeBirthInfo birth, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireText(birth.NodeId, "node id");
            RequireText(birth.SiteId, "site id");
            long seen = birth.SeenAt.ToUnixTimeMilliseconds();
            Exec(tx, "INSERT INTO sites (site_id, name) VALUES ($id, $id) ON CONFLICT(site_id) DO NOTHING", ("$id", birth.SiteId));
            long existing = Scalar<long>(tx, "SELECT COUNT(*) FROM nodes WHERE node_id = $id", ("$id", birth.NodeId));
            if (existing == 0)
            {
                Exec(tx, """
                    INSERT INTO nodes (node_id, site_id, state, firmware_version, board, config_hash, first_seen_ms, last_seen_ms, online, status_ms)
                    VALUES ($id, $site, 'discovered', $fw, $board, $hash, $seen, $seen, 1, $seen)
                    """,
                    ("$id", birth.NodeId), ("$site", birth.SiteId), ("$fw", birth.FirmwareVersion), ("$board", birth.Board),
                    ("$hash", birth.ConfigHash), ("$seen", seen));
            }
            else
            {
                Exec(tx, """
                    UPDATE nodes SET site_id = $site, firmware_version = $fw, board = $board, config_hash = $hash,
                        last_seen_ms = MAX(COALESCE(last_seen_ms, 0), $seen)
                    WHERE node_id = $id
                    """,
                    ("$id", birth.NodeId), ("$site", birth.SiteId), ("$fw", birth.FirmwareVersion), ("$board", birth.Board),
                    ("$hash", birth.ConfigHash), ("$seen", seen));
            }
            Exec(tx, "DELETE FROM sensors WHERE node_id = $id", ("$id", birth.NodeId));
            foreach (var sensor in birth.Sensors)
            {
                Exec(tx, """
                    INSERT INTO sensors (node_id, kind, model, unit, sample_rate_hz, channels) VALUES ($id, $kind, $model, $unit, $rate, $ch)
                    ON CONFLICT(node_id, kind) DO UPDATE SET model = excluded.model, unit = excluded.unit,
                        sample_rate_hz = excluded.sample_rate_hz, channels = excluded.channels
                    """,
                    ("$id", birth.NodeId), ("$kind", sensor.Kind), ("$model", sensor.Model), ("$unit", sensor.Unit),
                    ("$rate", sensor.SampleRateHz), ("$ch", sensor.Channels));
            }
            if (existing == 0) _logger.LogInformation("Node {NodeId} discovered on site {Site}", birth.NodeId, birth.SiteId);
            return existing == 0 ? BirthOutcome.NewlyDiscovered : BirthOutcome.Updated;
        });

    public Task RecordLastSeenAsync(IReadOnlyCollection<LastSeenUpdate> updates, CancellationToken cancellationToken = default)
    {
        if (updates.Count == 0) return Task.CompletedTask;
        return WriteAsync(cancellationToken, tx =>
        {
            using var command = _connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "UPDATE nodes SET last_seen_ms = MAX(COALESCE(last_seen_ms, 0), $seen) WHERE node_id = $id";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var seen = command.Parameters.Add("$seen", SqliteType.Integer);
            command.Prepare();
            foreach (var update in updates)
            {
                id.Value = update.NodeId;
                seen.Value = update.SeenAt.ToUnixTimeMilliseconds();
                command.ExecuteNonQuery();
            }
            return 0;
        });
    }

    public Task SetOnlineAsync(string nodeId, bool online, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            // Retained status can arrive out of order after reconnects: only a newer status wins.
            Exec(tx, "UPDATE nodes SET online = $on, status_ms = $at WHERE node_id = $id AND COALESCE(status_ms, 0) <= $at",
                ("$id", nodeId), ("$on", online ? 1 : 0), ("$at", at.ToUnixTimeMilliseconds()));
            return 0;
        });

    private const string NodeSelect = """
        SELECT node_id, site_id, state, asset_id, display_name, firmware_version, board, config_hash,
               first_seen_ms, last_seen_ms, online, adopted_ms, last_config_result FROM nodes
        """;

    private static NodeInfo ReadNode(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2) == "adopted" ? NodeState.Adopted : NodeState.Discovered,
        r.IsDBNull(3) ? null : r.GetInt64(3), Str(r, 4), Str(r, 5), Str(r, 6), Str(r, 7),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
        r.GetInt64(10) != 0,
        r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
        Str(r, 12));

    public async Task<NodeInfo?> GetNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(cancellationToken, () => Query(null, NodeSelect + " WHERE node_id = $id", ReadNode, ("$id", nodeId))).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<NodeInfo>> ListNodesAsync(NodeState? state = null, string? siteId = null, CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null,
            NodeSelect + " WHERE ($state IS NULL OR state = $state) AND ($site IS NULL OR site_id = $site) ORDER BY site_id, node_id", ReadNode,
            ("$state", state switch { NodeState.Adopted => "adopted", NodeState.Discovered => "discovered", _ => null }), ("$site", siteId)));

    public Task AdoptAsync(AdoptRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            var nodeSite = Scalar<string?>(tx, "SELECT site_id FROM nodes WHERE node_id = $id", ("$id", request.NodeId))
                ?? throw new RegistryException($"Node '{request.NodeId}' is not in the registry; it appears after its first birth message (check it is online, or send a rebirth).");
            var assetSite = Scalar<string?>(tx, "SELECT site_id FROM assets WHERE asset_id = $a", ("$a", request.AssetId))
                ?? throw new RegistryException($"Asset {request.AssetId} does not exist; add the machine first.");
            if (assetSite != nodeSite)
                throw new RegistryException($"Node '{request.NodeId}' reports site '{nodeSite}' but asset {request.AssetId} is on site '{assetSite}'.");
            Exec(tx, "UPDATE nodes SET state = 'adopted', asset_id = $a, display_name = COALESCE($name, display_name), adopted_ms = $now WHERE node_id = $id",
                ("$id", request.NodeId), ("$a", request.AssetId), ("$name", request.DisplayName), ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            _logger.LogInformation("Node {NodeId} adopted onto asset {AssetId}", request.NodeId, request.AssetId);
            return 0;
        });

    public Task<bool> RemoveAsync(string nodeId, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            Exec(tx, "DELETE FROM node_keys WHERE node_id = $id", ("$id", nodeId));
            int removed = Exec(tx, "DELETE FROM nodes WHERE node_id = $id", ("$id", nodeId));
            if (removed > 0) _logger.LogInformation("Node {NodeId} removed", nodeId);
            return removed > 0;
        });

    public Task<IReadOnlyList<SensorInfo>> GetSensorsAsync(string nodeId, CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null,
            "SELECT kind, model, unit, sample_rate_hz, channels FROM sensors WHERE node_id = $id ORDER BY kind",
            r => new SensorInfo(r.GetString(0), Str(r, 1), Str(r, 2), r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetInt32(4)),
            ("$id", nodeId)));

    public Task SetCalibrationAsync(CalibrationEntry entry, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireNode(tx, entry.NodeId);
            Exec(tx, """
                INSERT INTO calibration (node_id, sensor, parameter, value, updated_ms) VALUES ($id, $s, $p, $v, $t)
                ON CONFLICT(node_id, sensor, parameter) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms
                """,
                ("$id", entry.NodeId), ("$s", entry.Sensor), ("$p", entry.Parameter), ("$v", entry.Value), ("$t", entry.UpdatedAt.ToUnixTimeMilliseconds()));
            return 0;
        });

    public Task<IReadOnlyList<CalibrationEntry>> GetCalibrationAsync(string nodeId, CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null,
            "SELECT node_id, sensor, parameter, value, updated_ms FROM calibration WHERE node_id = $id ORDER BY sensor, parameter",
            r => new CalibrationEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))),
            ("$id", nodeId)));

    public Task SetThresholdAsync(ThresholdEntry entry, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireNode(tx, entry.NodeId);
            if (entry.Warning is double w && entry.Alarm is double a && w > a)
                throw new RegistryException($"Threshold '{entry.Feature}' of node '{entry.NodeId}': warning {w} is above alarm {a}.");
            Exec(tx, """
                INSERT INTO thresholds (node_id, feature, warning, alarm, hysteresis, on_delay_s, updated_ms) VALUES ($id, $f, $w, $a, $h, $d, $t)
                ON CONFLICT(node_id, feature) DO UPDATE SET warning = excluded.warning, alarm = excluded.alarm,
                    hysteresis = excluded.hysteresis, on_delay_s = excluded.on_delay_s, updated_ms = excluded.updated_ms
                """,
                ("$id", entry.NodeId), ("$f", entry.Feature), ("$w", entry.Warning), ("$a", entry.Alarm), ("$h", entry.Hysteresis),
                ("$d", entry.OnDelaySeconds), ("$t", entry.UpdatedAt.ToUnixTimeMilliseconds()));
            return 0;
        });

    public Task<IReadOnlyList<ThresholdEntry>> GetThresholdsAsync(string nodeId, CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null,
            "SELECT node_id, feature, warning, alarm, hysteresis, on_delay_s, updated_ms FROM thresholds WHERE node_id = $id ORDER BY feature",
            r => new ThresholdEntry(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3),
                r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetInt32(5), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6))),
            ("$id", nodeId)));

    public Task AddFirmwareAsync(FirmwareInfo firmware, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireText(firmware.Version, "firmware version");
            RequireText(firmware.Board, "board");
            Exec(tx, """
                INSERT INTO firmware (version, board, sha256, added_ms, notes) VALUES ($v, $b, $s, $t, $n)
                ON CONFLICT(version, board) DO UPDATE SET sha256 = excluded.sha256, notes = excluded.notes
                """,
                ("$v", firmware.Version), ("$b", firmware.Board), ("$s", firmware.Sha256), ("$t", firmware.AddedAt.ToUnixTimeMilliseconds()), ("$n", firmware.Notes));
            return 0;
        });

    public Task<IReadOnlyList<FirmwareInfo>> ListFirmwareAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Query(null, "SELECT version, board, sha256, added_ms, notes FROM firmware ORDER BY board, version",
            r => new FirmwareInfo(r.GetString(0), r.GetString(1), Str(r, 2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), Str(r, 4))));

    public Task SetNodeKeyAsync(string nodeId, byte[] key, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            RequireText(nodeId, "node id");
            if (key.Length < 16) throw new RegistryException($"The command key of node '{nodeId}' is {key.Length} bytes; at least 16 are required.");
            // A new key starts a new counter series only if the node also starts one; keep the counter so a
            // re-keyed node never sees an old counter again.
            Exec(tx, """
                INSERT INTO node_keys (node_id, command_key, command_counter, updated_ms) VALUES ($id, $k, 0, $t)
                ON CONFLICT(node_id) DO UPDATE SET command_key = excluded.command_key, updated_ms = excluded.updated_ms
                """,
                ("$id", nodeId), ("$k", key), ("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            return 0;
        });

    public Task<byte[]?> GetNodeKeyAsync(string nodeId, CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken, () => Scalar<byte[]?>(null, "SELECT command_key FROM node_keys WHERE node_id = $id", ("$id", nodeId)));

    public Task<long> ReserveCommandCounterAsync(string nodeId, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            long? next = Scalar<long?>(tx, "UPDATE node_keys SET command_counter = command_counter + 1 WHERE node_id = $id RETURNING command_counter", ("$id", nodeId));
            return next ?? throw new RegistryException($"Node '{nodeId}' has no command key; provision it over serial first (sensornode provision).");
        });

    public Task SetConfigResultAsync(string nodeId, string result, string? configHash, CancellationToken cancellationToken = default) =>
        WriteAsync(cancellationToken, tx =>
        {
            Exec(tx, "UPDATE nodes SET last_config_result = $r, desired_config_hash = COALESCE($h, desired_config_hash) WHERE node_id = $id",
                ("$id", nodeId), ("$r", result), ("$h", configHash));
            return 0;
        });

    private void RequireNode(SqliteTransaction tx, string nodeId)
    {
        if (Scalar<long>(tx, "SELECT COUNT(*) FROM nodes WHERE node_id = $id", ("$id", nodeId)) == 0)
            throw new RegistryException($"Node '{nodeId}' is not in the registry.");
    }

    private static void RequireText(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new RegistryException($"The {what} is empty.");
    }

    private async Task<T> WriteAsync<T>(CancellationToken cancellationToken, Func<SqliteTransaction, T> body)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction();
            T result = body(tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException ex)
        {
            throw new RegistryException($"Registry write failed ({FilePath}): {ex.Message}", ex);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<T> ReadAsync<T>(CancellationToken cancellationToken, Func<T> body)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return body();
        }
        catch (SqliteException ex)
        {
            throw new RegistryException($"Registry read failed ({FilePath}): {ex.Message}", ex);
        }
        finally
        {
            _lock.Release();
        }
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Exec(SqliteTransaction tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private T Scalar<T>(SqliteTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        object? value = command.ExecuteScalar();
        if (value == null || value is DBNull) return default!;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return type == typeof(byte[]) ? (T)value : (T)Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
    }

    private IReadOnlyList<T> Query<T>(SqliteTransaction? tx, string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
            _lock.Dispose();
        }
    }
}
