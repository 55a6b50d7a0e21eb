using System;

namespace SensorNode.Core.Vibration
{
    /// <summary>
    /// Zone boundaries of one severity table, velocity RMS in mm/s. Zones: A (0) below A/B; B (1) from A/B up to
    /// B/C; C (2) from B/C up to C/D; D (3) from C/D. A value exactly on a boundary belongs to the higher zone.
    /// </summary>
    public sealed class IsoZoneLimits
    {
        public const int ZoneA = 0;
        public const int ZoneB = 1;
        public const int ZoneC = 2;
        public const int ZoneD = 3;
        /// <summary>Returned for NaN input only; the analyzers never produce NaN.</summary>
        public const int ZoneUnknown = -1;

        internal IsoZoneLimits(string id, float ab, float bc, float cd)
        {
            Id = id;
            BoundaryAB = ab;
            BoundaryBC = bc;
            BoundaryCD = cd;
        }

        /// <summary>Stable identifier, e.g. "ISO10816-3/G2/rigid".</summary>
        public string Id { get; private set; }

        public float BoundaryAB { get; private set; }

        public float BoundaryBC { get; private set; }

        public float BoundaryCD { get; private set; }

        /// <summary>Zone of <paramref name="velocityRmsMmPerS"/>: 0 = A … 3 = D.</summary>
        public int Classify(float velocityRmsMmPerS)
        {
            if (float.IsNaN(velocityRmsMmPerS))
            {
                return ZoneUnknown;
            }

            if (velocityRmsMmPerS >= BoundaryCD)
            {
                return ZoneD;
            }

            if (velocityRmsMmPerS >= BoundaryBC)
            {
                return ZoneC;
            }

            return velocityRmsMmPerS >= BoundaryAB ? ZoneB : ZoneA;
        }

        /// <summary>"A" … "D" ("?" for unknown).</summary>
        public static string ZoneLetter(int zone)
        {
            switch (zone)
            {
                case ZoneA: return "A";
                case ZoneB: return "B";
                case ZoneC: return "C";
                case ZoneD: return "D";
                default: return "?";
            }
        }
    }

    /// <summary>
    /// The vibration severity tables as versioned data (velocity RMS, 10–1000 Hz, mm/s).
    /// ISO 10816-1:1995 Annex B (classes I–IV) and ISO 10816-3:2009 / ISO 20816-3:2022 (groups 1–2, rigid or
    /// flexible support); numbers from ../shared/reference/peers-and-standards.md §b1–b2, to be checked against
    /// the purchased standards. Change a number only together with <see cref="TableVersion"/>.
    /// </summary>
    public static class IsoZones
    {
        /// <summary>Version of the table data below; reported in the birth message so consumers know which limits applied.</summary>
        public const string TableVersion = "iso-zones/1 (ISO 10816-1:1995 Annex B; ISO 10816-3:2009 = ISO 20816-3:2022)";

        /// <summary>Standard selectors used by <see cref="VibrationSettings.IsoStandard"/>.</summary>
        public const int Iso10816Part1 = 1;
        public const int Iso10816Part3 = 3;

        // A/B, B/C, C/D per class I, II, III, IV.
        private static readonly float[] Part1 =
        {
            0.71f, 1.8f, 4.5f,
            1.12f, 2.8f, 7.1f,
            1.8f, 4.5f, 11.2f,
            2.8f, 7.1f, 18.0f
        };

        // A/B, B/C, C/D per group 1 rigid, group 1 flexible, group 2 rigid, group 2 flexible.
        private static readonly float[] Part3 =
        {
            2.3f, 4.5f, 7.1f,
            3.5f, 7.1f, 11.0f,
            1.4f, 2.8f, 4.5f,
            2.3f, 4.5f, 7.1f
        };

        private static readonly IsoZoneLimits[] Part1Tables =
        {
            new IsoZoneLimits("ISO10816-1/I", Part1[0], Part1[1], Part1[2]),
            new IsoZoneLimits("ISO10816-1/II", Part1[3], Part1[4], Part1[5]),
            new IsoZoneLimits("ISO10816-1/III", Part1[6], Part1[7], Part1[8]),
            new IsoZoneLimits("ISO10816-1/IV", Part1[9], Part1[10], Part1[11])
        };

        private static readonly IsoZoneLimits[] Part3Tables =
        {
            new IsoZoneLimits("ISO10816-3/G1/rigid", Part3[0], Part3[1], Part3[2]),
            new IsoZoneLimits("ISO10816-3/G1/flexible", Part3[3], Part3[4], Part3[5]),
            new IsoZoneLimits("ISO10816-3/G2/rigid", Part3[6], Part3[7], Part3[8]),
            new IsoZoneLimits("ISO10816-3/G2/flexible", Part3[9], Part3[10], Part3[11])
        };

        /// <summary>ISO 10816-1 class 1 … 4 (I … IV).</summary>
        public static IsoZoneLimits Part1Class(int machineClass)
        {
            if (machineClass < 1 || machineClass > 4)
            {
                throw new ArgumentException("ISO 10816-1 machine class must be 1 … 4 (I … IV), got " + machineClass.ToString() + ".");
            }

            return Part1Tables[machineClass - 1];
        }

        /// <summary>ISO 10816-3 / 20816-3 group 1 or 2, rigid or flexible support.</summary>
        public static IsoZoneLimits Part3Group(int group, bool flexibleSupport)
        {
            if (group < 1 || group > 2)
            {
                throw new ArgumentException("ISO 10816-3 machine group must be 1 or 2, got " + group.ToString() + ".");
            }

            return Part3Tables[(group - 1) * 2 + (flexibleSupport ? 1 : 0)];
        }

        /// <summary>The table the settings select.</summary>
        public static IsoZoneLimits For(VibrationSettings settings)
        {
            return settings.IsoStandard == Iso10816Part1
                ? Part1Class(settings.IsoClass)
                : Part3Group(settings.IsoGroup, settings.IsoFlexibleSupport);
        }
    }
}
