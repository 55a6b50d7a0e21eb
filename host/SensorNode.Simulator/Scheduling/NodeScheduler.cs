using System.Diagnostics;

namespace SensorNode.Simulator.Scheduling;

/// <summary>
/// Drives every virtual node from one due-time queue and a few worker threads (one per core by default) instead of a
/// thread per node: ten thousand idle nodes cost a heap entry each, not a stack each. A node is out of the queue
/// while it steps, so no node ever runs on two workers at once. Lag (how late a step ran) is measured: when it
/// grows, the process has reached the number of nodes one machine can drive.
/// </summary>
public sealed class NodeScheduler
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly PriorityQueue<ISimulatedNode, long> _due = new();
    private readonly long _startTimestamp;
    private readonly LagRecorder _lag = new();
    private long _steps;
    private long _faults;

    public NodeScheduler(TimeProvider? time = null, int workers = 0)
    {
        _time = time ?? TimeProvider.System;
        _startTimestamp = _time.GetTimestamp();
        Workers = workers > 0 ? workers : Environment.ProcessorCount;
    }

    public int Workers { get; }

    public int NodeCount { get; private set; }

    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Steps that threw; the node is rescheduled a second later (a real node's supervisor restarts the cycle).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    public Exception? LastFault { get; private set; }

    /// <summary>Scheduler time, ms since construction.</summary>
    public long NowMs => (long)_time.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    public LagSnapshot Lag => _lag.Snapshot();

    /// <summary>Queues <paramref name="node"/> to run first at <paramref name="firstDueMs"/> (scheduler time).</summary>
    public void Add(ISimulatedNode node, long firstDueMs)
    {
        lock (_gate)
        {
            _due.Enqueue(node, firstDueMs);
            NodeCount++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Runs until cancelled; returns when every worker has stopped.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = new Task[Workers];
        for (var i = 0; i < workers.Length; i++)
            workers[i] = Task.Factory.StartNew(() => WorkerLoop(cancellationToken), cancellationToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var wake = cancellationToken.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
        return Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void WorkerLoop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ISimulatedNode node;
            long due;
            lock (_gate)
            {
                if (!_due.TryPeek(out node!, out due))
                {
                    Monitor.Wait(_gate, 100);
                    continue;
                }
                var wait = due - NowMs;
                if (wait > 0)
                {
                    Monitor.Wait(_gate, (int)Math.Min(wait, 100));
                    continue;
                }
                _due.Dequeue();
            }

            var now = NowMs;
            _lag.Record(now - due);
            long next;
            try
            {
                next = node.Step(now);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _faults);
                LastFault = e;
                next = now + 1000;
            }
            Interlocked.Increment(ref _steps);
            lock (_gate)
            {
                _due.Enqueue(node, Math.Max(next, now + 1));
                Monitor.Pulse(_gate);
            }
        }
    }
}

/// <summary>How late steps ran, ms.</summary>
public readonly record struct LagSnapshot(long Count, double MeanMs, long P50Ms, long P99Ms, long MaxMs);

/// <summary>A lock-free histogram of step lateness in 1 ms buckets up to 10 s: enough for p50/p99 without storing samples.</summary>
internal sealed class LagRecorder
{
    private const int Buckets = 10_001;
    private readonly long[] _histogram = new long[Buckets];
    private long _count;
    private long _sum;
    private long _max;

    public void Record(long lagMs)
    {
        lagMs = Math.Max(0, lagMs);
        Interlocked.Increment(ref _histogram[Math.Min(lagMs, Buckets - 1)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, lagMs);
        long seen;
        while (lagMs > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, lagMs, seen) != seen)
        {
        }
    }

    public LagSnapshot Snapshot()
    {
        var count = Interlocked.Read(ref _count);
        if (count == 0) return default;
        return new LagSnapshot(count, (double)Interlocked.Read(ref _sum) / count, Percentile(count, 0.50), Percentile(count, 0.99), Interlocked.Read(ref _max));
    }

    private long Percentile(long count, double q)
    {
        var target = (long)Math.Ceiling(q * count);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _histogram[i]);
            if (seen >= target) return i;
        }
        return Buckets - 1;
    }
}
