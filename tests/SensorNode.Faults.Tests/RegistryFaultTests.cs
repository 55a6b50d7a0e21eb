using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SensorNode.Sdk.Registry;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Faults.Tests;

/// <summary>
/// The host's SQLite registry under process and disk faults: the writing process killed with SIGKILL in the middle
/// of its write loop (three times, at random points), and the registry's filesystem running full.
/// </summary>
public sealed class RegistryFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HostKilledMidWriteLosesNothingCommitted()
    {
        var dir = Directory.CreateTempSubdirectory("sn-faults-registry-").FullName;
        string db = Path.Combine(dir, "registry.db");
        var random = new Random(20261123);
        int lastAsset = -1;
        long lastCounter = 0;
        try
        {
            for (int round = 1; round <= 3; round++)
            {
                int killAfter = random.Next(30, 300);
                var (asset, counter, acks) = await RunAndKillAsync(db, killAfter);
                Assert.True(asset >= lastAsset, "the writer restarted below what was committed before");
                lastAsset = asset;
                lastCounter = Math.Max(lastCounter, counter);

                var reopen = Stopwatch.StartNew();
                string integrity = IntegrityCheck(db);
                await using var registry = await SqliteNodeRegistry.OpenAsync(db);
                var names = (await registry.ListAssetsAsync(ChildProcess.SiteId)).Select(a => a.Name).ToHashSet();
                reopen.Stop();
                int missing = Enumerable.Range(0, lastAsset + 1).Count(i => !names.Contains("asset-" + i.ToString(CultureInfo.InvariantCulture)));
                output.WriteLine($"FIGURES registry SIGKILL round {round}: acks={acks} last-acked-asset={lastAsset} assets-found={names.Count} "
                    + $"missing-acked={missing} last-acked-counter={counter} integrity={integrity} reopen={reopen.ElapsedMilliseconds} ms");

                Assert.Equal("ok", integrity);
                Assert.Equal(0, missing);
                // The command counter never goes back: a counter handed out before the crash is never handed out again.
                long next = await registry.ReserveCommandCounterAsync(ChildProcess.NodeId);
                Assert.True(next > lastCounter, $"counter went back after the crash: {next} <= {lastCounter}");
                lastCounter = next;
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private async Task<(int Asset, long Counter, int Acks)> RunAndKillAsync(string db, int killAfterAcks)
    {
        var start = new ProcessStartInfo(DotnetHost(), [typeof(ChildProcess).Assembly.Location, "registry-writer", db])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start) ?? throw new InvalidOperationException("child did not start");
        int asset = -1, acks = 0;
        long counter = 0;
        bool killed = false;
        string? line;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while ((line = await child.StandardOutput.ReadLineAsync(timeout.Token)) != null)
        {
            if (line.StartsWith("ack asset ", StringComparison.Ordinal))
            {
                asset = int.Parse(line[10..], CultureInfo.InvariantCulture);
                acks++;
            }
            else if (line.StartsWith("ack ctr ", StringComparison.Ordinal))
            {
                counter = long.Parse(line[8..], CultureInfo.InvariantCulture);
                acks++;
            }

            if (!killed && acks >= killAfterAcks)
            {
                // SIGKILL: no finally blocks, no disposal, no checkpoint; whatever was acknowledged must still be there.
                child.Kill(entireProcessTree: true);
                killed = true;
            }
        }

        await child.WaitForExitAsync(timeout.Token);
        Assert.True(killed, $"the writer ended by itself before {killAfterAcks} acks: {await child.StandardError.ReadToEndAsync()}");
        return (asset, counter, acks);
    }

    [Fact]
    public async Task RegistryDiskFullGivesAClearErrorKeepsCommittedDataAndRecovers()
    {
        // A real full filesystem: a 2 MiB tmpfs mounted for the test (needs root; CI runs as root).
        var mountPoint = Directory.CreateTempSubdirectory("sn-faults-full-").FullName;
        var mount = Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint);
        Assert.True(mount.Code == 0, $"The disk-full test mounts a 2 MiB tmpfs and needs root for it: `mount -t tmpfs` failed ({mount.Output.Trim()}). Run the tests as root (CI does).");
        try
        {
            string db = Path.Combine(mountPoint, "registry.db");
            string filler = Path.Combine(mountPoint, "filler");
            var acked = new List<string>();
            string? error = null;
            await using (var registry = await SqliteNodeRegistry.OpenAsync(db))
            {
                // Leave ~256 KiB free, then write until the filesystem is full.
                long free = new DriveInfo(mountPoint).AvailableFreeSpace;
                await File.WriteAllBytesAsync(filler, new byte[Math.Max(0, free - 256 * 1024)]);
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < 100_000 && error == null; i++)
                {
                    string name = "asset-" + i.ToString(CultureInfo.InvariantCulture);
                    try
                    {
                        await registry.AddAssetAsync(new AssetInfo(0, "full-site", name, Manufacturer: new string('m', 400)));
                        acked.Add(name);
                    }
                    catch (RegistryException ex)
                    {
                        error = ex.Message;
                    }
                }

                Assert.NotNull(error);
                output.WriteLine($"disk full after {acked.Count} committed writes ({watch.ElapsedMilliseconds} ms): {error}");
                Assert.Contains("full", error, StringComparison.OrdinalIgnoreCase);

                // Still full: the next write fails the same clear way, and reads still work.
                await Assert.ThrowsAsync<RegistryException>(() => registry.AddAssetAsync(new AssetInfo(0, "full-site", "while-full")));
                Assert.Equal(acked.Count, (await registry.ListAssetsAsync("full-site")).Count);

                // Space frees: the same open registry writes again.
                File.Delete(filler);
                var recovery = Stopwatch.StartNew();
                await registry.AddAssetAsync(new AssetInfo(0, "full-site", "after-full"));
                recovery.Stop();
                output.WriteLine($"write after freeing space succeeded in {recovery.ElapsedMilliseconds} ms");
            }

            string integrity = IntegrityCheck(db);
            await using var reopened = await SqliteNodeRegistry.OpenAsync(db);
            var names = (await reopened.ListAssetsAsync("full-site")).Select(a => a.Name).ToHashSet();
            int missing = acked.Count(n => !names.Contains(n));
            output.WriteLine($"FIGURES registry disk full (tmpfs 2 MiB): committed-before-full={acked.Count} missing-after-reopen={missing} "
                + $"rejected-while-full=2 after-full-present={names.Contains("after-full")} while-full-present={names.Contains("while-full")} integrity={integrity}");
            Assert.Equal("ok", integrity);
            Assert.Equal(0, missing);
            Assert.Contains("after-full", names);
            Assert.DoesNotContain("while-full", names);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Run("umount", "-l", mountPoint);
            Directory.Delete(mountPoint, true);
        }
    }

    private static string IntegrityCheck(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            string text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, text);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
