namespace SensorNode.Simulator.Machines;

/// <summary>
/// A repeating duty cycle of the motor: stopped, a direct-on-line start (inrush about 6 × rated decaying over
/// about a second), running at part load, a load step up, back down, stopped again. Gives the node's current
/// features something to see: running/idle, start counts, load steps.
/// </summary>
public sealed record MotorLoadProfile
{
    /// <summary>Length of one duty cycle, s.</summary>
    public double CycleSeconds { get; init; } = 120;

    /// <summary>Stopped for this long at the start of each cycle, s (0 = runs continuously after the first start).</summary>
    public double StoppedSeconds { get; init; } = 6;

    public double StartSeconds { get; init; } = 1.2;

    public double InrushFactor { get; init; } = 6;

    public double PartLoad { get; init; } = 0.62;

    public double HighLoad { get; init; } = 0.95;

    /// <summary>Load steps from part to high load at this second of the cycle and back down 40 s later.</summary>
    public double StepAtSeconds { get; init; } = 50;

    /// <summary>Magnetising current as a fraction of rated: what a running, unloaded motor draws.</summary>
    public double NoLoadFraction { get; init; } = 0.3;

    /// <summary>A motor that never stops (e.g. for vibration-only tests).</summary>
    public static MotorLoadProfile Continuous { get; } = new() { StoppedSeconds = 0 };

    /// <summary>RMS current at <paramref name="seconds"/> since the node started, A.</summary>
    public double CurrentRms(double seconds, double ratedA)
    {
        var t = seconds % CycleSeconds;
        if (StoppedSeconds <= 0 && seconds >= CycleSeconds) t = Math.Max(t, StoppedSeconds + StartSeconds);
        if (t < StoppedSeconds) return 0;
        var load = t > StepAtSeconds && t < StepAtSeconds + 40 ? HighLoad : PartLoad;
        // Induction motor: current ≈ sqrt(magnetising² + (load × active)²).
        var running = ratedA * Math.Sqrt(NoLoadFraction * NoLoadFraction + load * load * (1 - NoLoadFraction * NoLoadFraction));
        var sinceStart = t - StoppedSeconds;
        if (sinceStart < StartSeconds)
        {
            var inrush = ratedA * InrushFactor;
            return running + (inrush - running) * Math.Exp(-3 * sinceStart / StartSeconds);
        }
        return running;
    }
}
