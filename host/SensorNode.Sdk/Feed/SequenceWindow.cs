namespace SensorNode.Sdk.Feed;

/// <summary>What <see cref="SequenceWindow.Observe"/> decided about one sequence number.</summary>
public enum SequenceVerdict
{
    /// <summary>First message seen from this node (or the first after a reset).</summary>
    First,
    /// <summary>The next number after the highest seen.</summary>
    InOrder,
    /// <summary>Ahead of the highest seen +1: the numbers in between are missing (a gap).</summary>
    AfterGap,
    /// <summary>Below the highest seen, inside the window, not seen before: a late arrival that fills a gap.</summary>
    Late,
    /// <summary>Seen before inside the window: drop it.</summary>
    Duplicate,
    /// <summary>Below the window, so it cannot be checked; accepted for historical messages.</summary>
    BeyondWindow,
    /// <summary>A live message far below the window: the node restarted its numbering; tracking starts again.</summary>
    Reset,
}

/// <summary>
/// Duplicate and gap detection for one node's sequence numbers, in bounded memory.
/// A ring of <c>capacity</c> slots remembers which of the last <c>capacity</c> numbers below the highest were
/// seen: slot <c>seq % capacity</c> holds <c>seq</c> once seen, so no clearing is needed when the window moves.
/// Not thread-safe: the feed client calls it under its per-node lock.
/// </summary>
public sealed class SequenceWindow
{
    private readonly long[] _slots;
    private long _highest = -1;

    public SequenceWindow(int capacity)
    {
        if (capacity < 8 || capacity > 1 << 20) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Dedupe window must be 8..1048576.");
        _slots = new long[capacity];
        Array.Fill(_slots, -1L);
    }

    public int Capacity => _slots.Length;

    /// <summary>Highest sequence number seen, or -1.</summary>
    public long Highest => _highest;

    /// <summary>Classifies <paramref name="sequence"/> and records it. For <see cref="SequenceVerdict.AfterGap"/>
    /// <paramref name="gapFrom"/>..<paramref name="gapTo"/> (inclusive) are the missing numbers.</summary>
    public SequenceVerdict Observe(long sequence, bool historical, out long gapFrom, out long gapTo)
    {
        gapFrom = gapTo = 0;
        if (sequence < 0) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequence numbers are not negative.");
        int capacity = _slots.Length;
        if (_highest < 0)
        {
            Accept(sequence);
            return SequenceVerdict.First;
        }
        if (sequence > _highest)
        {
            var verdict = SequenceVerdict.InOrder;
            if (sequence > _highest + 1)
            {
                gapFrom = _highest + 1;
                gapTo = sequence - 1;
                verdict = SequenceVerdict.AfterGap;
            }
            Accept(sequence);
            return verdict;
        }
        if (sequence > _highest - capacity)
        {
            int slot = (int)(sequence % capacity);
            if (_slots[slot] == sequence) return SequenceVerdict.Duplicate;
            _slots[slot] = sequence;
            return SequenceVerdict.Late;
        }
        if (historical) return SequenceVerdict.BeyondWindow;
        // A live message this far back is not a delay the window was sized for: the node numbers from scratch.
        Reset();
        Accept(sequence);
        return SequenceVerdict.Reset;
    }

    /// <summary>Forgets everything (the node restarted its numbering).</summary>
    public void Reset()
    {
        Array.Fill(_slots, -1L);
        _highest = -1;
    }

    private void Accept(long sequence)
    {
        _slots[(int)(sequence % _slots.Length)] = sequence;
        if (sequence > _highest) _highest = sequence;
    }
}
