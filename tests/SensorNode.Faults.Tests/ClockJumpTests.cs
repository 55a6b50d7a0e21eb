using SensorNode.Faults.Tests.Infrastructure;
using SensorNode.Load;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Faults.Tests;

/// <summary>
/// The node's wall clock jumps back an hour, then forward a day, then loses sync, then comes back, while the
/// nodes keep measuring once a second. Measurement runs on the monotonic clock and records are ordered by their
/// sequence number, so the consumer gets every record, in order, without gaps; it sees the jumped timestamps as
/// they are and the "not synced" flag while the clock is unsynced.
/// </summary>
public sealed class ClockJumpTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ClockJumpsKeepSequenceAndOrderAndConsumersSeeTheSyncFlag()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var rig = await FleetRig.StartAsync(broker, 3, queueCapacity: 64, output, prefix: "c-");
        await rig.WaitForLiveAsync(3, TimeSpan.FromSeconds(60));

        async Task Phase(long offsetMs, bool synced)
        {
            foreach (var n in rig.Fleet.Nodes)
            {
                n.Clock.WallOffsetMs = offsetMs;
                n.Clock.IsSynced = synced;
            }

            await Task.Delay(TimeSpan.FromSeconds(3.5));
        }

        await Phase(-3_600_000, true);     // back one hour (e.g. a bad NTP answer)
        await Phase(86_400_000, true);     // forward one day
        await Phase(86_400_000, false);    // sync lost: records carry uptime and the not-synced flag
        await Phase(0, true);              // back to true time
        await rig.StopNodesAsync();
        var recovery = await rig.WaitForCatchUpAsync(TimeSpan.FromSeconds(10));
        var f = rig.Collect("clock jumps -1 h, +1 d, unsynced, resynced", recovery);

        Assert.Equal(0, f.Lost);
        Assert.Equal(f.Sent, f.Received);
        Assert.Equal(0, f.GapEvents);
        Assert.Equal(0, f.DeliveredTwice);
        foreach (var n in rig.Fleet.Nodes)
        {
            var arrivals = rig.Logs[n.NodeId].Arrivals.ToList();
            var seqs = arrivals.Select(a => a.Sequence).ToList();
            Assert.True(seqs.SequenceEqual(seqs.Order()), $"{n.NodeId}: records arrived out of sequence order: {string.Join(",", seqs)}");
            Assert.Equal(seqs.Count, (int)(seqs[^1] - seqs[0] + 1));
            bool back = false, forward = false;
            for (int i = 1; i < arrivals.Count; i++)
            {
                if (!arrivals[i].Synced || !arrivals[i - 1].Synced) continue;
                long d = arrivals[i].TimestampMs - arrivals[i - 1].TimestampMs;
                back |= d < -3_000_000;
                forward |= d > 80_000_000;
            }

            int unsynced = arrivals.Count(a => !a.Synced);
            int resynced = arrivals.SkipWhile(a => a.Synced).SkipWhile(a => !a.Synced).Count();
            output.WriteLine($"{n.NodeId}: records={arrivals.Count} seq {seqs[0]}..{seqs[^1]} backward-jump-seen={back} forward-jump-seen={forward} unsynced-flagged={unsynced} after-resync={resynced}");
            Assert.True(back, $"{n.NodeId}: the backward jump should be visible in the timestamps");
            Assert.True(forward, $"{n.NodeId}: the forward jump should be visible in the timestamps");
            Assert.True(unsynced >= 2, $"{n.NodeId}: records measured while unsynced must carry the flag ({unsynced})");
            Assert.True(resynced >= 2, $"{n.NodeId}: records after the resync must be synced again ({resynced})");
        }
    }
}
