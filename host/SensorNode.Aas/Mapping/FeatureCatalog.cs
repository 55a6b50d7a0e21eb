using SensorNode.Aas.Model;

namespace SensorNode.Aas.Mapping;

/// <summary>Which group of the condition-monitoring submodel a feature lives in.</summary>
public enum FeatureGroup { Vibration, Temperature, MotorCurrent, Operation }

/// <summary>
/// One telemetry feature (a JSON key of MeasurementRecord) and how it appears in the AAS: the property idShort
/// (OPC UA Powertrain style names, axis suffix X/Y/Z), the concept (IEC 61360 concept description with the
/// IEC 62720 unit IRDI from shared/aas/FACTS.md §8) and the XSD value type.
/// </summary>
public sealed record FeatureDefinition(
    string Key,
    string IdShort,
    bool PerAxis,
    FeatureGroup Group,
    string Concept,
    DataTypeDefXsd ValueType,
    DataTypeIec61360 Iec61360Type,
    string? Unit,
    string? UnitIrdi,
    string PreferredName,
    string Definition,
    string? SourceOfDefinition = null,
    string[]? UnitAliases = null)
{
    /// <summary>The property idShort for an axis ("RMSVelocityX"), or the plain idShort for node-wide features.</summary>
    public string IdShortFor(string? axis) => PerAxis ? IdShort + axis!.ToUpperInvariant() : IdShort;

    /// <summary>True when <paramref name="unit"/> names this feature's unit (AAS symbol or protocol spelling).</summary>
    public bool AcceptsUnit(string unit) =>
        string.Equals(unit, Unit, StringComparison.Ordinal) || (UnitAliases?.Contains(unit) ?? false);
}

/// <summary>The catalogue of every feature the node reports (firmware/SensorNode.Core/Features/MeasurementRecord.cs).</summary>
public static class FeatureCatalog
{
    // IEC 62720 (IEC CDD) unit IRDIs, shared/aas/FACTS.md §8.
    public const string UnitMillimetrePerSecond = "0112/2///62720#UAA867";
    public const string UnitMetrePerSecondSquared = "0112/2///62720#UAA736";
    public const string UnitDegreeCelsius = "0112/2///62720#UAA033";
    public const string UnitAmpere = "0112/2///62720#UAA101";
    public const string UnitHertz = "0112/2///62720#UAA170";
    public const string UnitPercent = "0112/2///62720#UAA000";

    /// <summary>IEC 61360-7 MeasurementTimestamp (as used by the IDTA Sensor 4.0 template).</summary>
    public const string MeasurementTimestampIrdi = "0112/2///61360_7#CBA007";

    private const string Powertrain = "OPC 40400-2 (OPC UA for Powertrain) PtVibrationSensorType ";
    private const string Pumps = "; OPC UA Pumps VibrationMeasurementType (IEC 61987)";

    private static readonly string[] Accel = ["m/s2", "m/s^2"];
    private static readonly string[] One = ["1", ""];

    public static readonly IReadOnlyList<FeatureDefinition> All =
    [
        // Per axis, inside "vib": {"x": {...}}
        new("vrms", "RMSVelocity", true, FeatureGroup.Vibration, "VibrationVelocityRms", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "mm/s", UnitMillimetrePerSecond, "vibration velocity RMS",
            "Root mean square of the vibration velocity over the configured band (default 10-1000 Hz), integrated from acceleration; the quantity ISO 10816/20816 zones are based on.",
            Powertrain + "RMSVelocity[X|Y|Z]" + Pumps),
        new("arms", "RMSAcceleration", true, FeatureGroup.Vibration, "VibrationAccelerationRms", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "vibration acceleration RMS",
            "Root mean square of the AC part of the vibration acceleration over the whole measured band.",
            Powertrain + "RMSAcceleration[X|Y|Z]" + Pumps, Accel),
        new("hf", "RMSAccelerationHighFrequency", true, FeatureGroup.Vibration, "VibrationAccelerationRmsHighFrequency", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "high-frequency acceleration RMS",
            "Root mean square of the vibration acceleration over the configured high-frequency band (e.g. 1-5 kHz), sensitive to early bearing and gear damage.",
            null, Accel),
        new("pk", "PeakAcceleration", true, FeatureGroup.Vibration, "VibrationAccelerationPeak", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "vibration acceleration peak", "Largest absolute deviation of the acceleration from its mean within the window.", null, Accel),
        new("p2p", "PeakToPeakAcceleration", true, FeatureGroup.Vibration, "VibrationAccelerationPeakToPeak", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "vibration acceleration peak-to-peak", "Difference between the largest and smallest acceleration sample within the window.", null, Accel),
        new("cf", "CrestFactor", true, FeatureGroup.Vibration, "VibrationCrestFactor", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "1", null, "vibration crest factor", "Ratio of the acceleration peak to the AC acceleration RMS (dimensionless).", null, One),
        new("kurt", "Kurtosis", true, FeatureGroup.Vibration, "VibrationKurtosis", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "1", null, "vibration kurtosis", "Fourth standardized moment of the acceleration (3 for Gaussian noise; impacts raise it).", null, One),
        new("skew", "Skewness", true, FeatureGroup.Vibration, "VibrationSkewness", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "1", null, "vibration skewness", "Third standardized moment of the acceleration.", null, One),
        new("dc", "MeanAcceleration", true, FeatureGroup.Vibration, "VibrationAccelerationMean", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "mean acceleration", "Mean (DC) value of the acceleration within the window, mostly gravity; shows the mounting orientation.", null, Accel),
        new("zone", "IsoZone", true, FeatureGroup.Vibration, "VibrationSeverityZone", DataTypeDefXsd.String, DataTypeIec61360.STRING,
            null, null, "vibration severity zone", "Evaluation zone A, B, C or D of the velocity RMS according to the configured ISO 10816-1 / ISO 10816-3 / ISO 20816-3 table.",
            "ISO 20816-3:2022 / ISO 10816-3:2009 evaluation zones"),
        new("o1", "VelocityOrder1", true, FeatureGroup.Vibration, "VibrationVelocityOrder1", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "mm/s", UnitMillimetrePerSecond, "velocity at 1x shaft speed", "RMS vibration velocity at the shaft rotation frequency (unbalance indicator)."),
        new("o2", "VelocityOrder2", true, FeatureGroup.Vibration, "VibrationVelocityOrder2", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "mm/s", UnitMillimetrePerSecond, "velocity at 2x shaft speed", "RMS vibration velocity at twice the shaft rotation frequency (misalignment indicator)."),
        new("o3", "VelocityOrder3", true, FeatureGroup.Vibration, "VibrationVelocityOrder3", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "mm/s", UnitMillimetrePerSecond, "velocity at 3x shaft speed", "RMS vibration velocity at three times the shaft rotation frequency (looseness indicator)."),
        new("bpfo", "EnvelopeBpfo", true, FeatureGroup.Vibration, "EnvelopeAmplitudeBpfo", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "envelope amplitude at BPFO", "Envelope-spectrum amplitude at the ball pass frequency of the outer race.", null, Accel),
        new("bpfi", "EnvelopeBpfi", true, FeatureGroup.Vibration, "EnvelopeAmplitudeBpfi", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "envelope amplitude at BPFI", "Envelope-spectrum amplitude at the ball pass frequency of the inner race.", null, Accel),
        new("bsf", "EnvelopeBsf", true, FeatureGroup.Vibration, "EnvelopeAmplitudeBsf", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "envelope amplitude at BSF", "Envelope-spectrum amplitude at the ball spin frequency.", null, Accel),
        new("ftf", "EnvelopeFtf", true, FeatureGroup.Vibration, "EnvelopeAmplitudeFtf", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "m/s²", UnitMetrePerSecondSquared, "envelope amplitude at FTF", "Envelope-spectrum amplitude at the fundamental train (cage) frequency.", null, Accel),
        new("fpk", "DominantFrequency", true, FeatureGroup.Vibration, "VibrationDominantFrequency", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "Hz", UnitHertz, "dominant vibration frequency", "Frequency of the largest peak of the acceleration spectrum."),

        // Node-wide
        new("shaft", "ShaftSpeed", false, FeatureGroup.Vibration, "ShaftRotationFrequency", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "Hz", UnitHertz, "shaft rotation frequency", "Shaft speed used for orders and bearing frequencies (configured or estimated from the spectrum); 0 when unknown."),
        new("temp", "SurfaceTemperature", false, FeatureGroup.Temperature, "SurfaceTemperature", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "°C", UnitDegreeCelsius, "surface temperature", "Smoothed temperature measured by the node's sensor on the machine housing.", null, ["degC", "C"]),
        new("irms", "RMSCurrent", false, FeatureGroup.MotorCurrent, "MotorCurrentRms", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "A", UnitAmpere, "motor current RMS", "Root mean square of the motor phase current measured with a current transformer clamp."),
        new("icf", "CurrentCrestFactor", false, FeatureGroup.MotorCurrent, "MotorCurrentCrestFactor", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "1", null, "motor current crest factor", "Ratio of the current peak to the current RMS (dimensionless).", null, One),
        new("hz", "LineFrequency", false, FeatureGroup.MotorCurrent, "SupplyLineFrequency", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "Hz", UnitHertz, "line frequency", "Fundamental frequency of the motor current."),
        new("thd", "CurrentThd", false, FeatureGroup.MotorCurrent, "MotorCurrentThd", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "%", UnitPercent, "current total harmonic distortion", "Total harmonic distortion of the motor current over harmonics 2..N, in percent of the fundamental."),
        new("va", "ApparentPower", false, FeatureGroup.MotorCurrent, "ApparentPower", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "VA", null, "apparent power", "Apparent power estimated from the measured current and the configured nominal voltage."),
        new("kwh", "Energy", false, FeatureGroup.MotorCurrent, "AccumulatedEnergy", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "kWh", null, "accumulated energy", "Active energy accumulated by the node from apparent power and the configured power factor."),
        new("run", "Running", false, FeatureGroup.Operation, "MachineRunning", DataTypeDefXsd.Boolean, DataTypeIec61360.BOOLEAN,
            null, null, "machine running", "True while the motor current is above the running threshold (with hysteresis)."),
        new("runh", "RunHours", false, FeatureGroup.Operation, "RunHours", DataTypeDefXsd.Double, DataTypeIec61360.REAL_MEASURE,
            "h", null, "run hours", "Accumulated time the machine was running."),
        new("starts", "StartCount", false, FeatureGroup.Operation, "StartCount", DataTypeDefXsd.Int, DataTypeIec61360.INTEGER_COUNT,
            null, null, "start count", "Number of idle-to-running transitions counted by the node.", null, One),
    ];

    private static readonly Dictionary<string, FeatureDefinition> ByKey = All.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public static bool TryGet(string key, out FeatureDefinition definition) => ByKey.TryGetValue(key, out definition!);

    public static FeatureDefinition Get(string key) =>
        ByKey.TryGetValue(key, out var d) ? d : throw new KeyNotFoundException($"Unknown feature key '{key}'.");

    /// <summary>The vibration axes as in telemetry JSON.</summary>
    public static readonly IReadOnlyList<string> Axes = ["x", "y", "z"];
}
