namespace SensorNode.Sdk.Mqtt;

/// <summary>Capped exponential backoff with jitter. Jitter spreads the reconnects of many consumers after a broker
/// restart so they do not arrive as one burst.</summary>
public sealed class ReconnectPolicy
{
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public double Multiplier { get; set; } = 2.0;

    /// <summary>Fraction of the delay randomly added or removed (0 = none, 0.2 = ±20 %).</summary>
    public double JitterFraction { get; set; } = 0.2;

    /// <summary>Attempts after which the owner gives up; null retries until cancelled.</summary>
    public int? MaxAttempts { get; set; }

    public void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero) throw new ArgumentException("Reconnect InitialDelay must be > 0.");
        if (MaxDelay < InitialDelay) throw new ArgumentException("Reconnect MaxDelay must be >= InitialDelay.");
        if (Multiplier < 1.0) throw new ArgumentException("Reconnect Multiplier must be >= 1.");
        if (JitterFraction is < 0 or >= 1) throw new ArgumentException("Reconnect JitterFraction must be in [0, 1).");
        if (MaxAttempts is < 1) throw new ArgumentException("Reconnect MaxAttempts must be >= 1 when set.");
    }

    /// <summary>Delay before retry number <paramref name="attempt"/> (1 = first retry).</summary>
    public TimeSpan GetDelay(int attempt, Random random)
    {
        if (attempt < 1) attempt = 1;
        double baseMs = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(attempt - 1, 62));
        baseMs = Math.Min(baseMs, MaxDelay.TotalMilliseconds);
        double jitter = (random.NextDouble() * 2.0 - 1.0) * JitterFraction * baseMs;
        double ms = Math.Clamp(baseMs + jitter, 1.0, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
