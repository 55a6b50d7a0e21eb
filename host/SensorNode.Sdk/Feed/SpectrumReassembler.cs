using SensorNode.Core.Protocol;

namespace SensorNode.Sdk.Feed;

/// <summary>Limits of a <see cref="SpectrumReassembler"/>: they bound its memory whatever arrives on the wire.</summary>
public sealed class SpectrumReassemblerOptions
{
    /// <summary>Largest spectrum accepted, in bins. 8193 covers a 16384-point FFT (nodes go to 8192 → 4097 bins);
    /// a chunk announcing more is rejected before anything is stored.</summary>
    public int MaxBins { get; set; } = 8193;

    /// <summary>Snapshots assembled at the same time. A new one beyond this evicts the one idle longest.</summary>
    public int MaxPending { get; set; } = 16;

    /// <summary>A snapshot with no new chunk for this long is dropped as incomplete (chunks are QoS 0: a lost one
    /// never comes; the remedy is to ask again).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Completed snapshots kept for <see cref="SpectrumReassembler.WaitForAsync"/> callers that start waiting
    /// after the last chunk arrived (the chunks can overtake the command's ack), and to recognise late duplicates.</summary>
    public int KeepCompleted { get; set; } = 8;

    public void Validate()
    {
        if (MaxBins is < 1 or > 65536) throw new ArgumentException("MaxBins must be 1..65536.", nameof(MaxBins));
        if (MaxPending < 1) throw new ArgumentException("MaxPending must be >= 1.", nameof(MaxPending));
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException("Timeout must be > 0.", nameof(Timeout));
        if (KeepCompleted < 0) throw new ArgumentException("KeepCompleted must be >= 0.", nameof(KeepCompleted));
    }
}

/// <summary>A whole amplitude spectrum of one axis, put together from its chunks. Bin <c>i</c> of
/// <see cref="Amplitudes"/> is at <c>(FirstBin + i) × BinHz</c> Hz.</summary>
public sealed record SpectrumSnapshot(
    NodeRef Node,
    string? Id,
    long TimestampUnixMs,
    string Axis,
    string Kind,
    string Unit,
    double BinHz,
    int FirstBin,
    float[] Amplitudes,
    int Chunks,
    DateTimeOffset CompletedAt)
{
    public double FrequencyOf(int index) => (FirstBin + index) * BinHz;

    /// <summary>The largest finite amplitude with its frequency within [<paramref name="fromHz"/>, <paramref name="toHz"/>]
    /// (e.g. from a few bins up to leave DC out); (NaN, NaN) when the range holds no bin.</summary>
    public (double Hz, double Amplitude) Peak(double fromHz = 0, double toHz = double.MaxValue)
    {
        double bestHz = double.NaN, best = double.NaN;
        for (int i = 0; i < Amplitudes.Length; i++)
        {
            double f = FrequencyOf(i);
            if (f < fromHz || f > toHz || !float.IsFinite(Amplitudes[i])) continue;
            if (double.IsNaN(best) || Amplitudes[i] > best)
            {
                best = Amplitudes[i];
                bestHz = f;
            }
        }
        return (bestHz, best);
    }
}

/// <summary>What <see cref="SpectrumReassembler.Add(SpectrumChunkReceived)"/> did with a chunk.</summary>
public enum SpectrumChunkOutcome
{
    /// <summary>Stored; more chunks of its snapshot are due.</summary>
    Stored,
    /// <summary>It was the last missing chunk: <see cref="SpectrumAddResult.Snapshot"/> is the whole spectrum.</summary>
    Completed,
    /// <summary>Already held (or its snapshot already completed): ignored.</summary>
    Duplicate,
    /// <summary>Refused (<see cref="SpectrumAddResult.Reason"/>): too large, inconsistent with the other chunks, out of
    /// range. Nothing of it is kept; when the whole snapshot turns out unusable, it is dropped too.</summary>
    Rejected,
}

public sealed record SpectrumAddResult(SpectrumChunkOutcome Outcome, SpectrumSnapshot? Snapshot = null, string? Reason = null);

/// <summary>A snapshot dropped before it was complete (timed out or evicted): which chunks never came.</summary>
public sealed record SpectrumIncomplete(NodeRef Node, string? Id, long TimestampUnixMs, int ChunksReceived, int Chunks, IReadOnlyList<int> Missing, string Reason);

/// <summary>No complete spectrum within the time asked. <see cref="ChunksReceived"/> of <see cref="Chunks"/> arrived
/// (0 of 0 when none did); <see cref="Missing"/> lists the chunk numbers that did not.</summary>
public sealed class SpectrumTimeoutException : TimeoutException
{
    public SpectrumTimeoutException(NodeRef node, string id, TimeSpan waited, int received, int chunks, IReadOnlyList<int> missing)
        : base(received == 0
            ? $"No spectrum chunk of request '{id}' from {node} arrived within {waited.TotalSeconds:0.#} s."
            : $"The spectrum of request '{id}' from {node} is incomplete after {waited.TotalSeconds:0.#} s: {received} of {chunks} chunks arrived, missing {string.Join(", ", missing)}.")
    {
        Node = node;
        Id = id;
        ChunksReceived = received;
        Chunks = chunks;
        Missing = missing;
    }

    public NodeRef Node { get; }
    public string Id { get; }
    public int ChunksReceived { get; }
    public int Chunks { get; }
    public IReadOnlyList<int> Missing { get; }
}

/// <summary>
/// Collects the chunks of spectrum snapshots (<see cref="SpectrumChunkReceived"/>, in any order, with duplicates)
/// into whole spectra. Memory is bounded by <see cref="SpectrumReassemblerOptions"/>: at most MaxPending snapshots of
/// at most MaxBins bins each are held, a snapshot idle for Timeout is dropped, and nothing is allocated for a chunk
/// that is refused. Thread-safe; feed it from <see cref="FeedClient.SpectrumChunk"/>:
/// <code>feed.SpectrumChunk += c => reassembler.Add(c);</code>
/// Chunks belong together when node, request id and timestamp agree (protocol.md §3).
/// </summary>
public sealed class SpectrumReassembler
{
    private readonly SpectrumReassemblerOptions _options;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<Key, Assembly> _pending = new();
    private readonly LinkedList<SpectrumSnapshot> _completed = new();
    private readonly List<Waiter> _waiters = new();
    private long _evicted, _expired, _rejected, _duplicates, _completedCount;

    public SpectrumReassembler(SpectrumReassemblerOptions? options = null, TimeProvider? time = null)
    {
        options ??= new SpectrumReassemblerOptions();
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised (outside the lock) for each snapshot completed.</summary>
    public event Action<SpectrumSnapshot>? Completed;

    /// <summary>Raised (outside the lock) for each snapshot dropped incomplete.</summary>
    public event Action<SpectrumIncomplete>? Dropped;

    public int Pending
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Bins currently held by incomplete snapshots (≤ MaxPending × MaxBins).</summary>
    public long BinsHeld
    {
        get { lock (_gate) return _pending.Values.Sum(a => (long)a.Stored); }
    }

    public long CompletedCount => Interlocked.Read(ref _completedCount);
    public long RejectedChunks => Interlocked.Read(ref _rejected);
    public long DuplicateChunks => Interlocked.Read(ref _duplicates);
    public long Expired => Interlocked.Read(ref _expired);
    public long Evicted => Interlocked.Read(ref _evicted);

    public SpectrumAddResult Add(SpectrumChunkReceived chunk) => Add(chunk.Node, chunk.Chunk, chunk.ReceivedAt);

    public SpectrumAddResult Add(NodeRef node, SpectrumChunk chunk, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var dropped = new List<SpectrumIncomplete>();
        SpectrumAddResult result;
        List<Waiter>? wake = null;
        lock (_gate)
        {
            ExpireLocked(receivedAt, dropped);
            result = AddLocked(node, chunk, receivedAt, dropped);
            if (result.Outcome == SpectrumChunkOutcome.Completed) wake = TakeWaitersLocked(result.Snapshot!);
        }
        switch (result.Outcome)
        {
            case SpectrumChunkOutcome.Rejected: Interlocked.Increment(ref _rejected); break;
            case SpectrumChunkOutcome.Duplicate: Interlocked.Increment(ref _duplicates); break;
            case SpectrumChunkOutcome.Completed: Interlocked.Increment(ref _completedCount); break;
        }
        foreach (var d in dropped) Dropped?.Invoke(d);
        if (result.Snapshot != null)
        {
            if (wake != null) foreach (var w in wake) w.Source.TrySetResult(result.Snapshot);
            Completed?.Invoke(result.Snapshot);
        }
        return result;
    }

    /// <summary>Drops snapshots idle for longer than the timeout at <paramref name="now"/> and returns them.</summary>
    public IReadOnlyList<SpectrumIncomplete> Expire(DateTimeOffset now)
    {
        var dropped = new List<SpectrumIncomplete>();
        lock (_gate) ExpireLocked(now, dropped);
        foreach (var d in dropped) Dropped?.Invoke(d);
        return dropped;
    }

    /// <summary>
    /// Waits for the complete snapshot answering request <paramref name="id"/> of <paramref name="node"/>; returns at
    /// once if it completed already (kept among the last KeepCompleted). Throws <see cref="SpectrumTimeoutException"/>
    /// after <paramref name="timeout"/>, saying which chunks arrived.
    /// </summary>
    public async Task<SpectrumSnapshot> WaitForAsync(NodeRef node, string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        Waiter waiter;
        lock (_gate)
        {
            foreach (var done in _completed)
                if (done.Node == node && done.Id == id) return done;
            waiter = new Waiter(node, id, new TaskCompletionSource<SpectrumSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }
        try
        {
            return await waiter.Source.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            int received = 0, chunks = 0;
            var missing = new List<int>();
            lock (_gate)
            {
                foreach (var (key, a) in _pending)
                {
                    if (key.Node != node || key.Id != id) continue;
                    received = a.Received;
                    chunks = a.Chunks.Length;
                    for (int i = 0; i < a.Chunks.Length; i++)
                        if (a.Chunks[i] == null) missing.Add(i);
                    break;
                }
            }
            throw new SpectrumTimeoutException(node, id, timeout, received, chunks, missing);
        }
        finally
        {
            lock (_gate) _waiters.Remove(waiter);
        }
    }

    private SpectrumAddResult AddLocked(NodeRef node, SpectrumChunk c, DateTimeOffset now, List<SpectrumIncomplete> dropped)
    {
        // Header checks first: a refused chunk costs no memory.
        if (c.ChunkCount < 1 || c.ChunkIndex < 0 || c.ChunkIndex >= c.ChunkCount)
            return Reject($"chunk {c.ChunkIndex} of {c.ChunkCount} is out of range");
        if (c.TotalBins < 1 || c.TotalBins > _options.MaxBins)
            return Reject($"{c.TotalBins} bins exceed the limit of {_options.MaxBins}");
        if (c.ChunkCount > c.TotalBins)
            return Reject($"{c.ChunkCount} chunks for {c.TotalBins} bins");
        int length = c.Amplitudes?.Length ?? 0;
        if (length < 1 || length > c.TotalBins)
            return Reject($"chunk {c.ChunkIndex} carries {length} bins of {c.TotalBins}");
        if (c.FirstBin < 0 || (long)c.FirstBin + length > 65536)
            return Reject($"chunk {c.ChunkIndex} starts at bin {c.FirstBin}");
        if (!float.IsFinite(c.BinHz) || c.BinHz <= 0)
            return Reject($"bin spacing {c.BinHz} Hz");

        var key = new Key(node, c.Id ?? string.Empty, c.TimestampUnixMs);
        foreach (var done in _completed)
            if (done.Node == node && (done.Id ?? string.Empty) == key.Id && done.TimestampUnixMs == key.Timestamp)
                return new SpectrumAddResult(SpectrumChunkOutcome.Duplicate);

        if (!_pending.TryGetValue(key, out var a))
        {
            if (_pending.Count >= _options.MaxPending) EvictLocked(dropped);
            a = new Assembly(c, now);
            _pending[key] = a;
        }
        else if (!a.Matches(c))
        {
            return Reject($"chunk {c.ChunkIndex} does not match the earlier chunks of its snapshot (bins, chunks, df, axis, kind or unit)");
        }

        if (a.Chunks[c.ChunkIndex] != null) return new SpectrumAddResult(SpectrumChunkOutcome.Duplicate);
        if (a.Stored + length > a.TotalBins)
        {
            _pending.Remove(key);
            dropped.Add(a.Incomplete(node, key, "chunks hold more bins than announced"));
            return Reject($"chunk {c.ChunkIndex} would exceed the announced {a.TotalBins} bins; snapshot dropped");
        }
        a.Chunks[c.ChunkIndex] = c;
        a.Received++;
        a.Stored += length;
        a.LastChunkAt = now;
        if (a.Received < a.Chunks.Length) return new SpectrumAddResult(SpectrumChunkOutcome.Stored);

        _pending.Remove(key);
        var snapshot = a.Build(node, now, out string? problem);
        if (snapshot == null)
        {
            dropped.Add(a.Incomplete(node, key, problem!));
            return Reject(problem!);
        }
        if (_options.KeepCompleted > 0)
        {
            _completed.AddFirst(snapshot);
            while (_completed.Count > _options.KeepCompleted) _completed.RemoveLast();
        }
        return new SpectrumAddResult(SpectrumChunkOutcome.Completed, snapshot);
    }

    private static SpectrumAddResult Reject(string reason) => new(SpectrumChunkOutcome.Rejected, null, reason);

    private void ExpireLocked(DateTimeOffset now, List<SpectrumIncomplete> dropped)
    {
        List<Key>? stale = null;
        foreach (var (key, a) in _pending)
            if (now - a.LastChunkAt > _options.Timeout) (stale ??= []).Add(key);
        if (stale == null) return;
        foreach (var key in stale)
        {
            dropped.Add(_pending[key].Incomplete(key.Node, key, "timed out"));
            _pending.Remove(key);
            Interlocked.Increment(ref _expired);
        }
    }

    private void EvictLocked(List<SpectrumIncomplete> dropped)
    {
        var oldest = _pending.MinBy(kv => kv.Value.LastChunkAt);
        dropped.Add(oldest.Value.Incomplete(oldest.Key.Node, oldest.Key, "evicted: too many snapshots in progress"));
        _pending.Remove(oldest.Key);
        Interlocked.Increment(ref _evicted);
    }

    private List<Waiter>? TakeWaitersLocked(SpectrumSnapshot s)
    {
        List<Waiter>? wake = null;
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Node != s.Node || _waiters[i].Id != s.Id) continue;
            (wake ??= []).Add(_waiters[i]);
            _waiters.RemoveAt(i);
        }
        return wake;
    }

    private readonly record struct Key(NodeRef Node, string Id, long Timestamp);

    private sealed record Waiter(NodeRef Node, string Id, TaskCompletionSource<SpectrumSnapshot> Source);

    private sealed class Assembly
    {
        private readonly SpectrumChunk _header;

        public Assembly(SpectrumChunk first, DateTimeOffset now)
        {
            _header = first;
            TotalBins = first.TotalBins;
            Chunks = new SpectrumChunk?[first.ChunkCount];
            LastChunkAt = now;
        }

        public int TotalBins { get; }
        public SpectrumChunk?[] Chunks { get; }
        public int Received { get; set; }
        public int Stored { get; set; }
        public DateTimeOffset LastChunkAt { get; set; }

        public bool Matches(SpectrumChunk c) =>
            c.TotalBins == _header.TotalBins && c.ChunkCount == _header.ChunkCount && c.BinHz == _header.BinHz && c.Axis == _header.Axis
            && c.Kind == _header.Kind && c.Unit == _header.Unit;

        /// <summary>The whole spectrum, or null when the chunks do not tile one contiguous run of TotalBins bins.</summary>
        public SpectrumSnapshot? Build(NodeRef node, DateTimeOffset now, out string? problem)
        {
            var ordered = Chunks.Select(c => c!).OrderBy(c => c.FirstBin).ToArray();
            int first = ordered[0].FirstBin;
            int expected = first;
            foreach (var c in ordered)
            {
                if (c.FirstBin != expected)
                {
                    problem = c.FirstBin < expected
                        ? $"chunk {c.ChunkIndex} overlaps bins before {expected}; snapshot dropped"
                        : $"bins {expected}..{c.FirstBin - 1} are in no chunk; snapshot dropped";
                    return null;
                }
                expected += c.Amplitudes.Length;
            }
            if (expected - first != TotalBins)
            {
                problem = $"the chunks hold {expected - first} bins, {TotalBins} announced; snapshot dropped";
                return null;
            }
            var amplitudes = new float[TotalBins];
            foreach (var c in ordered) Array.Copy(c.Amplitudes, 0, amplitudes, c.FirstBin - first, c.Amplitudes.Length);
            problem = null;
            return new SpectrumSnapshot(node, _header.Id, _header.TimestampUnixMs, FeatureKeys.AxisName(_header.Axis) ?? "?",
                _header.Kind, _header.Unit, _header.BinHz, first, amplitudes, Chunks.Length, now);
        }

        public SpectrumIncomplete Incomplete(NodeRef node, Key key, string reason)
        {
            var missing = new List<int>();
            for (int i = 0; i < Chunks.Length; i++)
                if (Chunks[i] == null) missing.Add(i);
            return new SpectrumIncomplete(node, _header.Id, key.Timestamp, Received, Chunks.Length, missing, reason);
        }
    }
}
