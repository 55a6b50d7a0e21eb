using nanoFramework.TestFramework;
using SensorNode.Core.Features;

namespace SensorNode.Core.Tests.Features
{
    [TestClass]
    public class MeasurementRecordTests
    {
        [TestMethod]
        public void CopyFromCopiesValuesNotArrays()
        {
            var source = new MeasurementRecord();
            source.Sequence = 42;
            source.TimestampUnixMs = 1763900000123;
            source.AxisCount = 3;
            source.VelocityRms[2] = 4.5f;
            source.IsoZone[1] = 3;
            source.EnergyKwh = 12.25;
            source.Running = true;

            var copy = new MeasurementRecord();
            copy.CopyFrom(source);
            source.VelocityRms[2] = 0f;

            Assert.AreEqual((uint)42, copy.Sequence);
            Assert.AreEqual(1763900000123L, copy.TimestampUnixMs);
            Assert.AreEqual(4.5f, copy.VelocityRms[2]);
            Assert.AreEqual(3, copy.IsoZone[1]);
            Assert.AreEqual(12.25, copy.EnergyKwh);
            Assert.IsTrue(copy.Running);
            Assert.AreNotSame(source.VelocityRms, copy.VelocityRms);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        public void EveryAxisIsCopied(int axis)
        {
            var source = new MeasurementRecord();
            source.Kurtosis[axis] = 7.5f;
            var copy = new MeasurementRecord();
            copy.CopyFrom(source);
            Assert.AreEqual(7.5f, copy.Kurtosis[axis]);
        }
    }
}
