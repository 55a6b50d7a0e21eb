namespace SensorNode.Core.Sensors
{
    /// <summary>Conversion from accelerometer counts to m/s².</summary>
    public static class Gravity
    {
        /// <summary>Standard acceleration of gravity, m/s² (CGPM 1901, ISO 80000-3).</summary>
        public const float StandardGravity = 9.80665f;

        /// <summary>m/s² per LSB for a sensitivity in LSB/g; 0 when the sensitivity is not positive.</summary>
        public static float MetresPerSecondSquaredPerLsb(int lsbPerG)
        {
            return lsbPerG > 0 ? StandardGravity / lsbPerG : 0f;
        }
    }
}
