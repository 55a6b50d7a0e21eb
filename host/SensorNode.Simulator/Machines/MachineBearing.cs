namespace SensorNode.Simulator.Machines;

/// <summary>Rolling-element bearing geometry, enough to place the defect frequencies (formulas in
/// ../shared/reference/peers-and-standards.md §b4).</summary>
/// <param name="RollingElements">Number of balls or rollers, n.</param>
/// <param name="BallDiameterMm">Rolling-element diameter, d.</param>
/// <param name="PitchDiameterMm">Pitch diameter, D.</param>
/// <param name="ContactAngleDeg">Contact angle, φ.</param>
public sealed record MachineBearing(int RollingElements, double BallDiameterMm, double PitchDiameterMm, double ContactAngleDeg)
{
    /// <summary>SKF 6205-2RS, the CWRU drive-end bearing (BPFO = 3.5848 × shaft).</summary>
    public static MachineBearing Skf6205 { get; } = new(9, 7.94, 39.04, 0);

    private double Ratio => BallDiameterMm / PitchDiameterMm * Math.Cos(ContactAngleDeg * Math.PI / 180);

    public double Bpfo(double shaftHz) => RollingElements / 2.0 * shaftHz * (1 - Ratio);

    public double Bpfi(double shaftHz) => RollingElements / 2.0 * shaftHz * (1 + Ratio);

    public double Bsf(double shaftHz) => PitchDiameterMm / (2 * BallDiameterMm) * shaftHz * (1 - Ratio * Ratio);

    public double Ftf(double shaftHz) => shaftHz / 2 * (1 - Ratio);
}
