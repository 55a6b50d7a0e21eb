using System.Buffers;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Protocol;

namespace SensorNode.Sdk.Tests;

/// <summary>The spectrum reassembler on chunks written by the core's encoder and read back by the core's decoder
/// (exactly what travels on the spectrum topic).</summary>
public sealed class SpectrumReassemblerTests
{
    private static readonly NodeRef Node = new("plant1", "n01");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A test spectrum: bin i has amplitude 0.001·(i+1), and bin 100 a peak of 4.25.</summary>
    private static float[] Spectrum(int bins)
    {
        var a = new float[bins];
        for (int i = 0; i < bins; i++) a[i] = 0.001f * (i + 1);
        if (bins > 100) a[100] = 4.25f;
        return a;
    }

    /// <summary>The chunks a node publishes for <paramref name="amplitudes"/>, <paramref name="perChunk"/> bins each.</summary>
    private static List<SpectrumChunk> Encode(float[] amplitudes, int perChunk, string id = "c-7", long ts = 1763900005100, int totalBins = -1, float df = 1.5625f)
    {
        int bins = amplitudes.Length;
        int chunks = (bins + perChunk - 1) / perChunk;
        var writer = new JsonWriter(new byte[16384]);
        var list = new List<SpectrumChunk>();
        for (int k = 0; k < chunks; k++)
        {
            int first = k * perChunk;
            int count = Math.Min(perChunk, bins - first);
            Assert.True(ProtocolEncoder.SpectrumChunk(writer, id, ts, 0, "velocity", "mm/s", df, amplitudes, first, count,
                totalBins < 0 ? bins : totalBins, k, chunks));
            var bytes = new byte[writer.Length];
            Array.Copy(writer.Buffer, writer.Offset, bytes, 0, writer.Length);
            list.Add(PayloadDecoder.Spectrum(new ReadOnlySequence<byte>(bytes)));
        }
        return list;
    }

    private static void AssertSameSpectrum(float[] expected, SpectrumSnapshot s)
    {
        Assert.Equal(expected.Length, s.Amplitudes.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - s.Amplitudes[i]) <= 5e-4 * Math.Abs(expected[i]) + 1e-9, $"bin {i}: {expected[i]} vs {s.Amplitudes[i]}");
    }

    [Fact]
    public void In_order_chunks_give_the_whole_spectrum_on_the_last_one()
    {
        var amps = Spectrum(641);
        var chunks = Encode(amps, 256);
        Assert.Equal(3, chunks.Count);
        var r = new SpectrumReassembler();
        Assert.Equal(SpectrumChunkOutcome.Stored, r.Add(Node, chunks[0], T0).Outcome);
        Assert.Equal(SpectrumChunkOutcome.Stored, r.Add(Node, chunks[1], T0).Outcome);
        Assert.Equal(1, r.Pending);
        var done = r.Add(Node, chunks[2], T0);
        Assert.Equal(SpectrumChunkOutcome.Completed, done.Outcome);
        var s = done.Snapshot!;
        AssertSameSpectrum(amps, s);
        Assert.Equal(("c-7", "x", "velocity", "mm/s", 0, 3), (s.Id, s.Axis, s.Kind, s.Unit, s.FirstBin, s.Chunks));
        Assert.Equal(1.5625, s.BinHz, 6);
        Assert.Equal(1000.0, s.FrequencyOf(640), 6);
        Assert.Equal((100 * 1.5625, 4.25), (s.Peak().Hz, Math.Round(s.Peak().Amplitude, 4)));
        Assert.Equal(0, r.Pending);
        Assert.Equal(0, r.BinsHeld);
    }

    [Fact]
    public void Out_of_order_chunks_are_put_back_in_bin_order()
    {
        var amps = Spectrum(1025);
        var chunks = Encode(amps, 256); // 5 chunks, the last one a single bin
        var r = new SpectrumReassembler();
        SpectrumAddResult last = null!;
        foreach (int k in new[] { 4, 2, 0, 3, 1 }) last = r.Add(Node, chunks[k], T0);
        Assert.Equal(SpectrumChunkOutcome.Completed, last.Outcome);
        AssertSameSpectrum(amps, last.Snapshot!);
    }

    [Fact]
    public void Duplicate_chunks_are_ignored_before_and_after_completion()
    {
        var amps = Spectrum(600);
        var chunks = Encode(amps, 256);
        var r = new SpectrumReassembler();
        Assert.Equal(SpectrumChunkOutcome.Stored, r.Add(Node, chunks[1], T0).Outcome);
        Assert.Equal(SpectrumChunkOutcome.Duplicate, r.Add(Node, chunks[1], T0).Outcome);
        Assert.Equal(SpectrumChunkOutcome.Stored, r.Add(Node, chunks[0], T0).Outcome);
        var done = r.Add(Node, chunks[2], T0);
        Assert.Equal(SpectrumChunkOutcome.Completed, done.Outcome);
        AssertSameSpectrum(amps, done.Snapshot!);
        // A late copy of a chunk of the finished snapshot does not start a new one.
        Assert.Equal(SpectrumChunkOutcome.Duplicate, r.Add(Node, chunks[0], T0).Outcome);
        Assert.Equal(0, r.Pending);
        Assert.Equal(2, r.DuplicateChunks);
        Assert.Equal(1, r.CompletedCount);
    }

    [Fact]
    public void Chunks_of_different_requests_and_nodes_do_not_mix()
    {
        var a = Spectrum(300);
        var b = a.Select(v => v * 2).ToArray();
        var ca = Encode(a, 256, id: "c-1");
        var cb = Encode(b, 256, id: "c-2");
        var other = new NodeRef("plant1", "n02");
        var r = new SpectrumReassembler();
        r.Add(Node, ca[0], T0);
        r.Add(Node, cb[1], T0);
        r.Add(other, ca[1], T0);
        Assert.Equal(3, r.Pending);
        var sb = r.Add(Node, cb[0], T0).Snapshot!;
        var sa = r.Add(Node, ca[1], T0).Snapshot!;
        AssertSameSpectrum(a, sa);
        AssertSameSpectrum(b, sb);
        Assert.Equal("c-2", sb.Id);
        Assert.Equal(1, r.Pending); // the other node's half
    }

    [Fact]
    public async Task A_missing_chunk_ends_in_a_timeout_that_names_it()
    {
        var chunks = Encode(Spectrum(641), 256);
        var r = new SpectrumReassembler();
        r.Add(Node, chunks[0], T0);
        r.Add(Node, chunks[2], T0);
        var e = await Assert.ThrowsAsync<SpectrumTimeoutException>(() => r.WaitForAsync(Node, "c-7", TimeSpan.FromMilliseconds(200)));
        Assert.Equal((2, 3), (e.ChunksReceived, e.Chunks));
        Assert.Equal([1], e.Missing);
        Assert.Contains("2 of 3 chunks", e.Message);

        // Nothing at all for another request: the message says so.
        var none = await Assert.ThrowsAsync<SpectrumTimeoutException>(() => r.WaitForAsync(Node, "c-8", TimeSpan.FromMilliseconds(50)));
        Assert.Equal(0, none.ChunksReceived);

        // The half-done snapshot is dropped once it has been idle for the timeout, so memory is given back.
        Assert.Empty(r.Expire(T0 + TimeSpan.FromSeconds(9)));
        var dropped = Assert.Single(r.Expire(T0 + TimeSpan.FromSeconds(11)));
        Assert.Equal([1], dropped.Missing);
        Assert.Equal("timed out", dropped.Reason);
        Assert.Equal(0, r.Pending);
        Assert.Equal(0, r.BinsHeld);
    }

    [Fact]
    public async Task A_waiter_gets_the_snapshot_whether_it_completes_before_or_after_it_starts_waiting()
    {
        var amps = Spectrum(513);
        var chunks = Encode(amps, 256);
        var r = new SpectrumReassembler();
        var waiting = r.WaitForAsync(Node, "c-7", TimeSpan.FromSeconds(10));
        foreach (var c in chunks) r.Add(Node, c, T0);
        AssertSameSpectrum(amps, await waiting);
        // The chunks may overtake the command's ack: a waiter that starts afterwards still gets it.
        AssertSameSpectrum(amps, await r.WaitForAsync(Node, "c-7", TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void Oversize_spectra_are_rejected_before_anything_is_stored()
    {
        var r = new SpectrumReassembler(new SpectrumReassemblerOptions { MaxBins = 4097 });
        var big = Encode(Spectrum(300), 256, totalBins: 60000); // announces 60,000 bins
        var result = r.Add(Node, big[0], T0);
        Assert.Equal(SpectrumChunkOutcome.Rejected, result.Outcome);
        Assert.Contains("60000 bins exceed the limit of 4097", result.Reason);
        Assert.Equal(0, r.Pending);
        Assert.Equal(1, r.RejectedChunks);
    }

    [Fact]
    public void Chunks_holding_more_bins_than_announced_drop_the_snapshot()
    {
        // Announces 300 bins in 2 chunks but sends 256 + 256.
        var chunks = Encode(Spectrum(512), 256, totalBins: 300);
        var r = new SpectrumReassembler();
        var dropped = new List<SpectrumIncomplete>();
        r.Dropped += dropped.Add;
        Assert.Equal(SpectrumChunkOutcome.Stored, r.Add(Node, chunks[0], T0).Outcome);
        var second = r.Add(Node, chunks[1], T0);
        Assert.Equal(SpectrumChunkOutcome.Rejected, second.Outcome);
        Assert.Contains("exceed the announced 300 bins", second.Reason);
        Assert.Single(dropped);
        Assert.Equal(0, r.Pending);
    }

    [Fact]
    public void A_chunk_that_contradicts_its_snapshot_is_rejected_and_the_rest_completes()
    {
        var amps = Spectrum(512);
        var good = Encode(amps, 256);
        var wrongDf = Encode(amps, 256, df: 3.125f);
        var r = new SpectrumReassembler();
        r.Add(Node, good[0], T0);
        var bad = r.Add(Node, wrongDf[1], T0);
        Assert.Equal(SpectrumChunkOutcome.Rejected, bad.Outcome);
        Assert.Contains("does not match", bad.Reason);
        var done = r.Add(Node, good[1], T0);
        Assert.Equal(SpectrumChunkOutcome.Completed, done.Outcome);
        AssertSameSpectrum(amps, done.Snapshot!);
    }

    [Fact]
    public void Chunks_that_leave_a_hole_are_refused_on_completion()
    {
        var chunks = Encode(Spectrum(512), 256);
        chunks[1].FirstBin = 300; // 256 bins at 300..555: bins 256..299 are in no chunk
        var r = new SpectrumReassembler();
        r.Add(Node, chunks[0], T0);
        var last = r.Add(Node, chunks[1], T0);
        Assert.Equal(SpectrumChunkOutcome.Rejected, last.Outcome);
        Assert.Contains("bins 256..299 are in no chunk", last.Reason);
    }

    [Fact]
    public void Memory_stays_bounded_when_snapshots_are_never_finished()
    {
        var options = new SpectrumReassemblerOptions { MaxPending = 4, MaxBins = 4097 };
        var r = new SpectrumReassembler(options);
        var amps = Spectrum(4097);
        for (int i = 0; i < 1000; i++)
        {
            // Only the first chunk of each of 1000 different requests: none ever completes.
            var first = Encode(amps, 2048, id: $"c-{i}")[0];
            Assert.Equal(SpectrumChunkOutcome.Stored, r.Add(Node, first, T0 + TimeSpan.FromMilliseconds(i)).Outcome);
            Assert.True(r.Pending <= options.MaxPending);
            Assert.True(r.BinsHeld <= (long)options.MaxPending * options.MaxBins);
        }
        Assert.Equal(996, r.Evicted);
    }

    [Fact]
    public void Out_of_range_chunk_numbers_are_rejected()
    {
        var chunk = Encode(Spectrum(300), 256)[0];
        chunk.ChunkIndex = 5;
        var r = new SpectrumReassembler();
        Assert.Equal(SpectrumChunkOutcome.Rejected, r.Add(Node, chunk, T0).Outcome);
        Assert.Equal(0, r.Pending);
    }
}
