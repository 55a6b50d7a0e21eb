using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Sensors;

namespace SensorNode.Core.Tests.Sensors
{
    /// <summary>ADXL345 register map, configuration and decoding against the datasheet (Rev. G) values.</summary>
    [TestClass]
    public class Adxl345Tests
    {
        [TestMethod]
        [DataRow(2, 256)]
        [DataRow(4, 128)]
        [DataRow(8, 64)]
        [DataRow(16, 32)]
        public void TenBitSensitivityHalvesWithEachRange(int rangeG, int lsbPerG)
        {
            Assert.AreEqual(lsbPerG, Adxl345.LsbPerG(rangeG, false));
        }

        [TestMethod]
        [DataRow(2)]
        [DataRow(4)]
        [DataRow(8)]
        [DataRow(16)]
        public void FullResolutionKeeps3Point9MilliGPerLsb(int rangeG)
        {
            Assert.AreEqual(256, Adxl345.LsbPerG(rangeG, true));
            float milliGPerLsb = 1000f / Adxl345.LsbPerG(rangeG, true);
            Assert.IsTrue(Math.Abs(milliGPerLsb - 3.9f) < 0.01f, "3.9 mg/LSB");
        }

        [TestMethod]
        public void UnsupportedRangeHasNoSensitivity()
        {
            Assert.AreEqual(0, Adxl345.LsbPerG(3, true));
            Assert.AreEqual(-1, Adxl345.RangeCode(32));
        }

        [TestMethod]
        [DataRow(3200, 15)]
        [DataRow(1600, 14)]
        [DataRow(800, 13)]
        [DataRow(100, 10)]
        [DataRow(6, 6)]
        [DataRow(3000, 15)]
        [DataRow(1000, 14)]
        [DataRow(20000, 15)]
        public void RateCodeIsTheSlowestRateCoveringTheRequest(int requestedHz, int expectedCode)
        {
            Assert.AreEqual(expectedCode, Adxl345.RateCode(requestedHz));
            Assert.IsTrue(Adxl345.OutputDataRateHz(expectedCode) >= Math.Min(requestedHz, Adxl345.MaxOutputDataRateHz));
        }

        [TestMethod]
        public void RateCodesMatchTheBwRateTable()
        {
            Assert.AreEqual(3200f, Adxl345.OutputDataRateHz(0x0F));
            Assert.AreEqual(100f, Adxl345.OutputDataRateHz(0x0A));
            Assert.AreEqual(12.5f, Adxl345.OutputDataRateHz(0x07));
            Assert.AreEqual(6.25f, Adxl345.OutputDataRateHz(0x06));
            Assert.AreEqual(-1, Adxl345.RateCode(0));
        }

        [TestMethod]
        public void ConfigurationSequenceIsStandbyFormatRateFifoMeasure()
        {
            var pairs = new byte[Adxl345.MaxConfigurationBytes];
            int n = Adxl345.BuildConfiguration(4, 3200, 16, pairs);

            byte[] expected = { 0x2D, 0x00, 0x31, 0x09, 0x2C, 0x0F, 0x2E, 0x00, 0x38, 0x00, 0x38, 0x90, 0x2D, 0x08 };
            Assert.AreEqual(expected.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(expected[i], pairs[i], "byte " + i.ToString());
            }
        }

        [TestMethod]
        public void ConfigurationRejectsBadInput()
        {
            var pairs = new byte[Adxl345.MaxConfigurationBytes];
            Assert.AreEqual(-1, Adxl345.BuildConfiguration(3, 3200, 16, pairs));
            Assert.AreEqual(-1, Adxl345.BuildConfiguration(4, 0, 16, pairs));
            Assert.AreEqual(-1, Adxl345.BuildConfiguration(4, 3200, 0, pairs));
            Assert.AreEqual(-1, Adxl345.BuildConfiguration(4, 3200, 32, pairs));
            Assert.AreEqual(-1, Adxl345.BuildConfiguration(4, 3200, 16, new byte[4]));
        }

        [TestMethod]
        public void SpiCommandReadsSixDataBytesWithAutoIncrement()
        {
            Assert.AreEqual((byte)0xF2, Adxl345.ReadDataCommand);
            Assert.AreEqual(7, Adxl345.FrameTransactionBytes);
            Assert.AreEqual((byte)0xE5, Adxl345.DeviceId);
        }

        [TestMethod]
        public void FifoStatusCountsEntriesAndIgnoresTheTriggerBit()
        {
            Assert.AreEqual(31, Adxl345.FifoEntries(0x9F));
            Assert.AreEqual(0, Adxl345.FifoEntries(0x80));
            Assert.IsFalse(Adxl345.IsFifoFull(0x20));
            Assert.IsTrue(Adxl345.IsFifoFull(0x21));
        }

        [TestMethod]
        [DataRow(0x00, 0x01, 256)]
        [DataRow(0xFF, 0xFF, -1)]
        [DataRow(0x00, 0xFF, -256)]
        [DataRow(0xFF, 0x0F, 4095)]
        [DataRow(0x00, 0xF0, -4096)]
        public void AxisIsLittleEndianTwosComplement(int low, int high, int expected)
        {
            var raw = new byte[] { (byte)low, (byte)high };
            Assert.AreEqual(expected, Adxl345.DecodeAxis(raw, 0));
        }

        [TestMethod]
        public void FrameDecodesToMetresPerSecondSquared()
        {
            // command echo byte, then X = +1 g, Y = -1 g, Z = +2 g at 256 LSB/g
            var raw = new byte[] { 0x00, 0x00, 0x01, 0x00, 0xFF, 0x00, 0x02 };
            var x = new float[4];
            var y = new float[4];
            var z = new float[4];
            float scale = Gravity.MetresPerSecondSquaredPerLsb(Adxl345.LsbPerG(16, true));

            Adxl345.DecodeFrame(raw, 1, scale, x, y, z, 2);

            Assert.IsTrue(Math.Abs(x[2] - 9.80665f) < 1e-4f, "x = 1 g");
            Assert.IsTrue(Math.Abs(y[2] + 9.80665f) < 1e-4f, "y = -1 g");
            Assert.IsTrue(Math.Abs(z[2] - 19.6133f) < 1e-3f, "z = 2 g");
            Assert.AreEqual(0f, x[1]);
        }
    }
}
