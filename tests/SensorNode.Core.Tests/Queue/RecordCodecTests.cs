using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Queue;

namespace SensorNode.Core.Tests.Queue
{
    [TestClass]
    public class RecordCodecTests
    {
        [TestMethod]
        [DataRow(0f)]
        [DataRow(1f)]
        [DataRow(-2.5f)]
        [DataRow(3.14159274f)]
        [DataRow(1e-40f)]
        [DataRow(-1.4e-45f)]
        [DataRow(1.17549435e-38f)]
        [DataRow(3.40282347e38f)]
        [DataRow(123456.789f)]
        public void FloatBitsMatchIeee754(float value)
        {
            uint bits = RecordCodec.SingleToBits(value);
            byte[] expected = System.BitConverter.GetBytes(value);
            Assert.AreEqual(System.BitConverter.ToUInt32(expected, 0), bits);
            Assert.AreEqual(value, RecordCodec.BitsToSingle(bits));
        }

        [TestMethod]
        public void SpecialFloatsSurvive()
        {
            Assert.IsTrue(float.IsNaN(RecordCodec.BitsToSingle(RecordCodec.SingleToBits(float.NaN))));
            Assert.IsTrue(float.IsPositiveInfinity(RecordCodec.BitsToSingle(RecordCodec.SingleToBits(float.PositiveInfinity))));
            Assert.IsTrue(float.IsNegativeInfinity(RecordCodec.BitsToSingle(RecordCodec.SingleToBits(float.NegativeInfinity))));
            Assert.AreEqual(0x80000000u, RecordCodec.SingleToBits(-0f));
        }

        [TestMethod]
        public void EveryFieldRoundTrips()
        {
            var a = new MeasurementRecord();
            a.Sequence = 4000000000u;
            a.TimestampUnixMs = 1763900000123L;
            a.TimeSynced = true;
            a.Historical = false;
            a.Status = MeasurementRecord.StatusTemperatureFailed | MeasurementRecord.StatusClockNotSynced;
            a.AxisCount = 3;
            for (int i = 0; i < 3; i++)
            {
                float k = i + 1;
                a.VelocityRms[i] = 1.1f * k;
                a.AccelerationRms[i] = 2.2f * k;
                a.HighFrequencyRms[i] = 3.3f * k;
                a.Peak[i] = 4.4f * k;
                a.PeakToPeak[i] = 5.5f * k;
                a.CrestFactor[i] = 6.6f * k;
                a.Kurtosis[i] = 7.7f * k;
                a.Skewness[i] = -8.8f * k;
                a.Mean[i] = 9.9f * k;
                a.IsoZone[i] = i + 1;
                a.Order1[i] = 10.1f * k;
                a.Order2[i] = 11.1f * k;
                a.Order3[i] = 12.1f * k;
                a.Bpfo[i] = 13.1f * k;
                a.Bpfi[i] = 14.1f * k;
                a.Bsf[i] = 15.1f * k;
                a.Ftf[i] = 16.1f * k;
                a.DominantFrequency[i] = 17.1f * k;
            }

            a.ShaftSpeedHz = 24.75f;
            a.TemperatureC = 41.5f;
            a.HasCurrent = true;
            a.CurrentRms = 7.25f;
            a.CurrentCrestFactor = 1.41f;
            a.LineFrequencyHz = 50.02f;
            a.CurrentThdPercent = 4.5f;
            a.ApparentPowerVa = 1667.5f;
            a.EnergyKwh = 12345.678901234;
            a.Running = true;
            a.RunHours = 9876.54321;
            a.StartCount = 321;

            var buffer = new byte[RecordCodec.RecordSize + 10];
            Assert.AreEqual(5 + RecordCodec.RecordSize, RecordCodec.Write(a, buffer, 5));
            var b = new MeasurementRecord();
            Assert.IsTrue(RecordCodec.Read(buffer, 5, b));
            Assert.AreEqual(a.Sequence, b.Sequence);
            Assert.AreEqual(a.TimestampUnixMs, b.TimestampUnixMs);
            Assert.AreEqual(a.TimeSynced, b.TimeSynced);
            Assert.AreEqual(a.Status, b.Status);
            Assert.AreEqual(a.AxisCount, b.AxisCount);
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(a.VelocityRms[i], b.VelocityRms[i]);
                Assert.AreEqual(a.AccelerationRms[i], b.AccelerationRms[i]);
                Assert.AreEqual(a.HighFrequencyRms[i], b.HighFrequencyRms[i]);
                Assert.AreEqual(a.Peak[i], b.Peak[i]);
                Assert.AreEqual(a.PeakToPeak[i], b.PeakToPeak[i]);
                Assert.AreEqual(a.CrestFactor[i], b.CrestFactor[i]);
                Assert.AreEqual(a.Kurtosis[i], b.Kurtosis[i]);
                Assert.AreEqual(a.Skewness[i], b.Skewness[i]);
                Assert.AreEqual(a.Mean[i], b.Mean[i]);
                Assert.AreEqual(a.IsoZone[i], b.IsoZone[i]);
                Assert.AreEqual(a.Order1[i], b.Order1[i]);
                Assert.AreEqual(a.Order2[i], b.Order2[i]);
                Assert.AreEqual(a.Order3[i], b.Order3[i]);
                Assert.AreEqual(a.Bpfo[i], b.Bpfo[i]);
                Assert.AreEqual(a.Bpfi[i], b.Bpfi[i]);
                Assert.AreEqual(a.Bsf[i], b.Bsf[i]);
                Assert.AreEqual(a.Ftf[i], b.Ftf[i]);
                Assert.AreEqual(a.DominantFrequency[i], b.DominantFrequency[i]);
            }

            Assert.AreEqual(a.ShaftSpeedHz, b.ShaftSpeedHz);
            Assert.AreEqual(a.TemperatureC, b.TemperatureC);
            Assert.AreEqual(a.HasCurrent, b.HasCurrent);
            Assert.AreEqual(a.CurrentRms, b.CurrentRms);
            Assert.AreEqual(a.CurrentCrestFactor, b.CurrentCrestFactor);
            Assert.AreEqual(a.LineFrequencyHz, b.LineFrequencyHz);
            Assert.AreEqual(a.CurrentThdPercent, b.CurrentThdPercent);
            Assert.AreEqual(a.ApparentPowerVa, b.ApparentPowerVa);
            Assert.AreEqual(a.EnergyKwh, b.EnergyKwh);
            Assert.AreEqual(a.Running, b.Running);
            Assert.AreEqual(a.RunHours, b.RunHours);
            Assert.AreEqual(a.StartCount, b.StartCount);
        }

        [TestMethod]
        public void WrongVersionByteIsRefused()
        {
            var buffer = new byte[RecordCodec.RecordSize];
            RecordCodec.Write(new MeasurementRecord(), buffer, 0);
            buffer[0] = 99;
            var r = new MeasurementRecord();
            r.Sequence = 5;
            Assert.IsFalse(RecordCodec.Read(buffer, 0, r));
            Assert.AreEqual((uint)5, r.Sequence);
        }
    }
}
