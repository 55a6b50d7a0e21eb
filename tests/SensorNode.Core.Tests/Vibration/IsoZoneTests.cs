using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Tests.Vibration
{
    /// <summary>Every table against ../shared/reference/peers-and-standards.md §b1–b2, every boundary from both sides.</summary>
    [TestClass]
    public class IsoZoneTests
    {
        [TestMethod]
        [DataRow(1, 1, false, 0.71f, 1.8f, 4.5f)]
        [DataRow(1, 2, false, 1.12f, 2.8f, 7.1f)]
        [DataRow(1, 3, false, 1.8f, 4.5f, 11.2f)]
        [DataRow(1, 4, false, 2.8f, 7.1f, 18.0f)]
        [DataRow(3, 1, false, 2.3f, 4.5f, 7.1f)]
        [DataRow(3, 1, true, 3.5f, 7.1f, 11.0f)]
        [DataRow(3, 2, false, 1.4f, 2.8f, 4.5f)]
        [DataRow(3, 2, true, 2.3f, 4.5f, 7.1f)]
        public void TableHasTheStandardBoundariesAndClassifiesBothSides(int standard, int classOrGroup, bool flexible, float ab, float bc, float cd)
        {
            VibrationSettings settings = new VibrationSettings();
            settings.IsoStandard = standard;
            settings.IsoClass = classOrGroup;
            settings.IsoGroup = classOrGroup;
            settings.IsoFlexibleSupport = flexible;
            Assert.IsNull(settings.Validate());
            IsoZoneLimits table = IsoZones.For(settings);
            Assert.AreEqual(ab, table.BoundaryAB, table.Id);
            Assert.AreEqual(bc, table.BoundaryBC, table.Id);
            Assert.AreEqual(cd, table.BoundaryCD, table.Id);

            const float e = 0.001f;
            Assert.AreEqual(IsoZoneLimits.ZoneA, table.Classify(0f));
            Assert.AreEqual(IsoZoneLimits.ZoneA, table.Classify(ab - e));
            Assert.AreEqual(IsoZoneLimits.ZoneB, table.Classify(ab));
            Assert.AreEqual(IsoZoneLimits.ZoneB, table.Classify(ab + e));
            Assert.AreEqual(IsoZoneLimits.ZoneB, table.Classify(bc - e));
            Assert.AreEqual(IsoZoneLimits.ZoneC, table.Classify(bc));
            Assert.AreEqual(IsoZoneLimits.ZoneC, table.Classify(bc + e));
            Assert.AreEqual(IsoZoneLimits.ZoneC, table.Classify(cd - e));
            Assert.AreEqual(IsoZoneLimits.ZoneD, table.Classify(cd));
            Assert.AreEqual(IsoZoneLimits.ZoneD, table.Classify(cd + e));
            Assert.AreEqual(IsoZoneLimits.ZoneD, table.Classify(1000f));
        }

        [TestMethod]
        public void TablesAreVersionedAndNamed()
        {
            Assert.IsTrue(IsoZones.TableVersion.StartsWith("iso-zones/1"));
            Assert.AreEqual("ISO10816-3/G2/rigid", IsoZones.Part3Group(2, false).Id);
            Assert.AreEqual("ISO10816-1/IV", IsoZones.Part1Class(4).Id);
            Assert.AreEqual("C", IsoZoneLimits.ZoneLetter(2));
            Assert.AreEqual(IsoZoneLimits.ZoneUnknown, IsoZones.Part1Class(1).Classify(float.NaN));
        }

        [TestMethod]
        public void OutOfRangeSelectionsAreRejected()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => IsoZones.Part1Class(0));
            Assert.ThrowsException(typeof(ArgumentException), () => IsoZones.Part1Class(5));
            Assert.ThrowsException(typeof(ArgumentException), () => IsoZones.Part3Group(3, false));
            VibrationSettings settings = new VibrationSettings();
            settings.IsoStandard = 2;
            Assert.IsNotNull(settings.Validate());
            settings.IsoStandard = IsoZones.Iso10816Part1;
            settings.IsoClass = 5;
            Assert.IsNotNull(settings.Validate());
        }
    }
}
