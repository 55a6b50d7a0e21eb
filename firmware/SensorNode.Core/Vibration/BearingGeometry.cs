using System;

namespace SensorNode.Core.Vibration
{
    /// <summary>
    /// Rolling-bearing geometry and its defect frequencies as multiples of the shaft frequency f_r
    /// (classic kinematics, no slip; d = rolling-element diameter, D = pitch diameter, φ = contact angle, n elements):
    /// BPFO = (n/2)(1 − (d/D)cos φ), BPFI = (n/2)(1 + (d/D)cos φ), BSF = (D/2d)(1 − ((d/D)cos φ)²),
    /// FTF = ½(1 − (d/D)cos φ). Diameters in any one unit. BSF is the ball spin frequency; a ball defect strikes
    /// both races, so tables such as CWRU's list 2·BSF as their "BSF" multiple (see docs/dsp.md).
    /// </summary>
    public sealed class BearingGeometry
    {
        public BearingGeometry(int rollingElements, float elementDiameter, float pitchDiameter, float contactAngleDegrees)
        {
            string error = Check(rollingElements, elementDiameter, pitchDiameter, contactAngleDegrees);
            if (error != null)
            {
                throw new ArgumentException(error);
            }

            RollingElements = rollingElements;
            ElementDiameter = elementDiameter;
            PitchDiameter = pitchDiameter;
            ContactAngleDegrees = contactAngleDegrees;

            double ratio = (double)elementDiameter / pitchDiameter * Math.Cos(contactAngleDegrees * Math.PI / 180.0);
            BpfoFactor = (float)(rollingElements / 2.0 * (1.0 - ratio));
            BpfiFactor = (float)(rollingElements / 2.0 * (1.0 + ratio));
            BsfFactor = (float)(pitchDiameter / (2.0 * elementDiameter) * (1.0 - ratio * ratio));
            FtfFactor = (float)(0.5 * (1.0 - ratio));
        }

        public int RollingElements { get; private set; }

        public float ElementDiameter { get; private set; }

        public float PitchDiameter { get; private set; }

        public float ContactAngleDegrees { get; private set; }

        /// <summary>Ball pass frequency, outer race, per unit shaft frequency.</summary>
        public float BpfoFactor { get; private set; }

        /// <summary>Ball pass frequency, inner race, per unit shaft frequency.</summary>
        public float BpfiFactor { get; private set; }

        /// <summary>Ball spin frequency per unit shaft frequency.</summary>
        public float BsfFactor { get; private set; }

        /// <summary>Fundamental train (cage) frequency per unit shaft frequency.</summary>
        public float FtfFactor { get; private set; }

        public float Bpfo(float shaftHz)
        {
            return BpfoFactor * shaftHz;
        }

        public float Bpfi(float shaftHz)
        {
            return BpfiFactor * shaftHz;
        }

        public float Bsf(float shaftHz)
        {
            return BsfFactor * shaftHz;
        }

        public float Ftf(float shaftHz)
        {
            return FtfFactor * shaftHz;
        }

        /// <summary>Null when the geometry is valid, else the reason.</summary>
        public static string Check(int rollingElements, float elementDiameter, float pitchDiameter, float contactAngleDegrees)
        {
            if (rollingElements < 3 || rollingElements > 100)
            {
                return "Bearing rolling elements must be 3 … 100, got " + rollingElements.ToString() + ".";
            }

            if (!(elementDiameter > 0f) || !(pitchDiameter > elementDiameter))
            {
                return "Bearing diameters must satisfy 0 < element diameter < pitch diameter.";
            }

            if (!(contactAngleDegrees >= 0f) || !(contactAngleDegrees < 90f))
            {
                return "Bearing contact angle must be 0 … 90 degrees (exclusive).";
            }

            return null;
        }
    }
}
