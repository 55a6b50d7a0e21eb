namespace SensorNode.Simulator.Machines;

/// <summary>The fault a synthetic machine carries; each one puts energy where the physics of that fault does.</summary>
public enum MachineKind
{
    /// <summary>Small 1× and 2×, broadband noise: zone A/B.</summary>
    Healthy,
    /// <summary>Mass unbalance: strong 1× in the radial plane (x and y in quadrature), little axially.</summary>
    Imbalance,
    /// <summary>Shaft misalignment: 2× dominant with some 1× and 3×, strong in the axial direction (z).</summary>
    Misalignment,
    /// <summary>Mechanical looseness: a long series of harmonics of shaft speed and some half orders.</summary>
    Looseness,
    /// <summary>Outer-race defect: impacts at BPFO ringing a structural resonance, constant amplitude (stationary load zone).</summary>
    OuterRace,
    /// <summary>Inner-race defect: impacts at BPFI ringing the resonance, amplitude-modulated at shaft rate as the defect passes the load zone.</summary>
    InnerRace,
}
