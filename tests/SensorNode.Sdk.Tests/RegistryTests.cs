using Microsoft.Data.Sqlite;
using SensorNode.Sdk.Registry;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>The SQLite registry on a real file in a temp directory.</summary>
public sealed class RegistryTests : IDisposable
{
    private readonly string _dir = ExternalTool.NewTempDirectory("sn-registry");
    private string DbPath => Path.Combine(_dir, "registry.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static NodeBirthInfo Birth(string node, string site = "plant1", string fw = "1.0.0") => new(
        site, node, fw, "esp32-devkitc", "cfg1",
        [new SensorInfo("accelerometer", "ADXL345", "m/s2", 3200, 3), new SensorInfo("temperature", "BME280", "degC", null, 1)],
        DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000));

    [Fact]
    public async Task Birth_discovers_the_node_adopt_assigns_it_and_everything_survives_reopening()
    {
        long assetId;
        await using (var registry = await SqliteNodeRegistry.OpenAsync(DbPath))
        {
            Assert.Equal(SchemaMigrations.Latest, registry.SchemaVersion);
            Assert.Equal(BirthOutcome.NewlyDiscovered, await registry.RecordBirthAsync(Birth("n01")));
            Assert.Equal(BirthOutcome.Updated, await registry.RecordBirthAsync(Birth("n01", fw: "1.0.1")));

            var discovered = await registry.ListNodesAsync(NodeState.Discovered);
            Assert.Equal("n01", Assert.Single(discovered).NodeId);
            Assert.Empty(await registry.ListNodesAsync(NodeState.Adopted));

            assetId = await registry.AddAssetAsync(new AssetInfo(0, "plant1", "냉각수 펌프 2", "Grundfos", "CR 10-4", "A123", "Hall B"));
            await registry.AdoptAsync(new AdoptRequest("n01", assetId, "Pump 2 DE bearing"));
            await registry.SetThresholdAsync(new ThresholdEntry("n01", "vrms", 2.8, 4.5, 0.2, 30, DateTimeOffset.UtcNow));
            await registry.SetCalibrationAsync(new CalibrationEntry("n01", "current", "turns", 2000, DateTimeOffset.UtcNow));
            await registry.AddFirmwareAsync(new FirmwareInfo("1.0.1", "esp32-devkitc", new string('a', 64), DateTimeOffset.UtcNow));
            await registry.RecordLastSeenAsync([new LastSeenUpdate("n01", DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_100_000))]);
            await registry.SetOnlineAsync("n01", true, DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_100_000));
        }

        await using (var reopened = await SqliteNodeRegistry.OpenAsync(DbPath))
        {
            var node = await reopened.GetNodeAsync("n01");
            Assert.NotNull(node);
            Assert.Equal(NodeState.Adopted, node!.State);
            Assert.Equal(assetId, node.AssetId);
            Assert.Equal("1.0.1", node.FirmwareVersion);
            Assert.Equal("Pump 2 DE bearing", node.DisplayName);
            Assert.True(node.Online);
            Assert.Equal(1_763_900_100_000, node.LastSeen!.Value.ToUnixTimeMilliseconds());
            Assert.Equal("냉각수 펌프 2", (await reopened.GetAssetAsync(assetId))!.Name);
            Assert.Equal(2, (await reopened.GetSensorsAsync("n01")).Count);
            var threshold = Assert.Single(await reopened.GetThresholdsAsync("n01"));
            Assert.Equal((2.8, 4.5, 30), (threshold.Warning!.Value, threshold.Alarm!.Value, threshold.OnDelaySeconds!.Value));
            Assert.Equal(2000, Assert.Single(await reopened.GetCalibrationAsync("n01")).Value);
            Assert.Equal("1.0.1", Assert.Single(await reopened.ListFirmwareAsync()).Version);
        }
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_full_synchronous_commits_and_owner_only_permissions()
    {
        await using (var registry = await SqliteNodeRegistry.OpenAsync(DbPath)) { }
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DbPath));
    }

    [Fact]
    public async Task Last_seen_and_status_never_move_backwards()
    {
        await using var registry = await SqliteNodeRegistry.OpenAsync(DbPath);
        await registry.RecordBirthAsync(Birth("n01"));
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_500_000);
        await registry.RecordLastSeenAsync([new LastSeenUpdate("n01", t0), new LastSeenUpdate("ghost", t0)]);
        await registry.RecordLastSeenAsync([new LastSeenUpdate("n01", t0.AddMinutes(-5))]);
        await registry.SetOnlineAsync("n01", false, t0);
        await registry.SetOnlineAsync("n01", true, t0.AddSeconds(-1)); // an older retained status arriving late
        var node = (await registry.GetNodeAsync("n01"))!;
        Assert.Equal(t0, node.LastSeen);
        Assert.False(node.Online);
        Assert.Null(await registry.GetNodeAsync("ghost"));
    }

    [Fact]
    public async Task Migrates_an_older_schema_keeping_its_data()
    {
        // Build a version-1 registry, the schema the first release shipped, and fill it the way that release did.
        await using (var old = await SqliteNodeRegistry.OpenAsync(DbPath, SchemaMigrations.All, 1, null, default))
        {
            Assert.Equal(1, old.SchemaVersion);
        }
        await using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await raw.OpenAsync();
            await using var insert = raw.CreateCommand();
            insert.CommandText = """
                INSERT INTO sites VALUES ('plant1', 'Plant 1');
                INSERT INTO nodes (node_id, site_id, state, firmware_version, first_seen_ms) VALUES ('n07', 'plant1', 'discovered', '0.9.0', 1000);
                INSERT INTO thresholds (node_id, feature, warning, alarm, updated_ms) VALUES ('n07', 'temp', 60, 80, 1000);
                """;
            await insert.ExecuteNonQueryAsync();
            await using var probe = raw.CreateCommand();
            probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'node_keys'";
            Assert.Equal(0L, (long)(await probe.ExecuteScalarAsync())!);
        }

        await using var upgraded = await SqliteNodeRegistry.OpenAsync(DbPath);
        Assert.Equal(SchemaMigrations.Latest, upgraded.SchemaVersion);
        var node = (await upgraded.GetNodeAsync("n07"))!;
        Assert.Equal("0.9.0", node.FirmwareVersion);
        Assert.False(node.Online); // column added by version 2 with its default
        var threshold = Assert.Single(await upgraded.GetThresholdsAsync("n07"));
        Assert.Equal(80, threshold.Alarm);
        Assert.Null(threshold.OnDelaySeconds);
        // Version 2 and 3 features work on the upgraded file.
        await upgraded.SetNodeKeyAsync("n07", new byte[32]);
        Assert.Equal(1, await upgraded.ReserveCommandCounterAsync("n07"));
        await upgraded.SetConfigResultAsync("n07", "applied", "cfg9");
        Assert.Equal("applied", (await upgraded.GetNodeAsync("n07"))!.LastConfigResult);
    }

    [Fact]
    public async Task Opening_again_is_idempotent()
    {
        await using (var first = await SqliteNodeRegistry.OpenAsync(DbPath)) await first.RecordBirthAsync(Birth("n01"));
        await using (var second = await SqliteNodeRegistry.OpenAsync(DbPath)) Assert.Equal(SchemaMigrations.Latest, second.SchemaVersion);
        await using var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await raw.OpenAsync();
        await using var count = raw.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        Assert.Equal((long)SchemaMigrations.Latest, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_whole()
    {
        var broken = new List<SchemaMigration>(SchemaMigrations.All.Take(1))
        {
            new(2, "broken", "CREATE TABLE half_done (a INTEGER); INSERT INTO no_such_table VALUES (1);"),
        };
        var error = await Assert.ThrowsAsync<RegistryException>(() => SqliteNodeRegistry.OpenAsync(DbPath, broken, null, null, default));
        Assert.Contains("rolled back", error.Message);
        Assert.Contains("version 1", error.Message);

        SqliteConnection.ClearAllPools();
        await using var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await raw.OpenAsync();
        await using var probe = raw.CreateCommand();
        probe.CommandText = "SELECT (SELECT MAX(version) FROM schema_migrations), (SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done')";
        await using var reader = await probe.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_schema_newer_than_the_sdk_is_refused_untouched()
    {
        await using (var registry = await SqliteNodeRegistry.OpenAsync(DbPath)) { }
        await using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await raw.OpenAsync();
            await using var bump = raw.CreateCommand();
            bump.CommandText = "INSERT INTO schema_migrations VALUES (99, 'from the future', 0)";
            await bump.ExecuteNonQueryAsync();
        }
        var error = await Assert.ThrowsAsync<RegistryException>(() => SqliteNodeRegistry.OpenAsync(DbPath));
        Assert.Contains("newer than this SDK", error.Message);
    }

    [Fact]
    public async Task Adopt_refuses_unknown_nodes_unknown_assets_and_other_sites()
    {
        await using var registry = await SqliteNodeRegistry.OpenAsync(DbPath);
        await registry.RecordBirthAsync(Birth("n01", site: "plant1"));
        long otherSite = await registry.AddAssetAsync(new AssetInfo(0, "plant2", "Press 1"));
        var unknownNode = await Assert.ThrowsAsync<RegistryException>(() => registry.AdoptAsync(new AdoptRequest("n99", otherSite)));
        Assert.Contains("'n99' is not in the registry", unknownNode.Message);
        var unknownAsset = await Assert.ThrowsAsync<RegistryException>(() => registry.AdoptAsync(new AdoptRequest("n01", 12345)));
        Assert.Contains("Asset 12345 does not exist", unknownAsset.Message);
        var wrongSite = await Assert.ThrowsAsync<RegistryException>(() => registry.AdoptAsync(new AdoptRequest("n01", otherSite)));
        Assert.Contains("site 'plant2'", wrongSite.Message);
        Assert.Equal(NodeState.Discovered, (await registry.GetNodeAsync("n01"))!.State);
    }

    [Fact]
    public async Task Remove_deletes_the_node_with_its_children_and_a_new_birth_rediscovers_it()
    {
        await using var registry = await SqliteNodeRegistry.OpenAsync(DbPath);
        await registry.RecordBirthAsync(Birth("n01"));
        long asset = await registry.AddAssetAsync(new AssetInfo(0, "plant1", "Fan 3"));
        await registry.AdoptAsync(new AdoptRequest("n01", asset));
        await registry.SetThresholdAsync(new ThresholdEntry("n01", "vrms", 2.8, 4.5, null, null, DateTimeOffset.UtcNow));
        await registry.SetNodeKeyAsync("n01", new byte[32]);

        Assert.True(await registry.RemoveAsync("n01"));
        Assert.False(await registry.RemoveAsync("n01"));
        Assert.Null(await registry.GetNodeAsync("n01"));
        Assert.Empty(await registry.GetThresholdsAsync("n01"));
        Assert.Empty(await registry.GetSensorsAsync("n01"));
        Assert.Null(await registry.GetNodeKeyAsync("n01"));

        Assert.Equal(BirthOutcome.NewlyDiscovered, await registry.RecordBirthAsync(Birth("n01")));
        Assert.Equal(NodeState.Discovered, (await registry.GetNodeAsync("n01"))!.State);
    }

    [Fact]
    public async Task Command_counters_are_monotonic_across_reopening()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await using (var registry = await SqliteNodeRegistry.OpenAsync(DbPath))
        {
            await registry.SetNodeKeyAsync("n05", key);
            Assert.Equal(1, await registry.ReserveCommandCounterAsync("n05"));
            Assert.Equal(2, await registry.ReserveCommandCounterAsync("n05"));
            await Assert.ThrowsAsync<RegistryException>(() => registry.ReserveCommandCounterAsync("unprovisioned"));
            await Assert.ThrowsAsync<RegistryException>(() => registry.SetNodeKeyAsync("n05", new byte[8]));
        }
        await using (var reopened = await SqliteNodeRegistry.OpenAsync(DbPath))
        {
            Assert.Equal(key, await reopened.GetNodeKeyAsync("n05"));
            await reopened.SetNodeKeyAsync("n05", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)); // re-key
            Assert.Equal(3, await reopened.ReserveCommandCounterAsync("n05"));
        }
    }

    [Fact]
    public async Task Threshold_with_warning_above_alarm_is_refused_and_nothing_is_written()
    {
        await using var registry = await SqliteNodeRegistry.OpenAsync(DbPath);
        await registry.RecordBirthAsync(Birth("n01"));
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            registry.SetThresholdAsync(new ThresholdEntry("n01", "vrms", 7.1, 4.5, null, null, DateTimeOffset.UtcNow)));
        Assert.Contains("warning 7.1 is above alarm 4.5", error.Message);
        Assert.Empty(await registry.GetThresholdsAsync("n01"));
    }
}
