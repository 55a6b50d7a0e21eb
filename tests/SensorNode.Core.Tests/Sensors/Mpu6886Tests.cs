using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Sensors;

namespace SensorNode.Core.Tests.Sensors
{
    /// <summary>MPU-6886 accelerometer registers, FIFO frames and scaling against the datasheet values.</summary>
    [TestClass]
    public class Mpu6886Tests
    {
        [TestMethod]
        [DataRow(2, 16384)]
        [DataRow(4, 8192)]
        [DataRow(8, 4096)]
        [DataRow(16, 2048)]
        [DataRow(3, 0)]
        public void SensitivityPerFullScaleSelection(int rangeG, int lsbPerG)
        {
            Assert.AreEqual(lsbPerG, Mpu6886.LsbPerG(rangeG));
        }

        [TestMethod]
        [DataRow(1000, 0)]
        [DataRow(4000, 0)]
        [DataRow(500, 1)]
        [DataRow(400, 1)]
        [DataRow(300, 2)]
        [DataRow(1, 255)]
        public void DividerGivesTheSlowestRateCoveringTheRequest(int requestedHz, int divider)
        {
            Assert.AreEqual(divider, Mpu6886.SampleRateDivider(requestedHz));
            if (requestedHz <= Mpu6886.MaxOutputDataRateHz && divider < 255)
            {
                Assert.IsTrue(Mpu6886.OutputDataRateHz(divider) >= requestedHz);
            }
        }

        [TestMethod]
        public void ConfigurationSequence()
        {
            var pairs = new byte[Mpu6886.MaxConfigurationBytes];
            int n = Mpu6886.BuildConfiguration(4, 1000, pairs);

            byte[] expected =
            {
                0x6B, 0x01, 0x6C, 0x07, 0x1A, 0x01, 0x19, 0x00, 0x1C, 0x08,
                0x1D, 0x07, 0x38, 0x00, 0x23, 0x08, 0x6A, 0x04, 0x6A, 0x40,
            };
            Assert.AreEqual(expected.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(expected[i], pairs[i], "byte " + i.ToString());
            }

            Assert.AreEqual(-1, Mpu6886.BuildConfiguration(32, 1000, pairs));
            Assert.AreEqual(-1, Mpu6886.BuildConfiguration(4, 0, pairs));
        }

        [TestMethod]
        public void FifoCountIsThirteenBits()
        {
            Assert.AreEqual(1016, Mpu6886.FifoCount(0x03, 0xF8));
            Assert.AreEqual(1016, Mpu6886.FifoCount(0xE3, 0xF8));
            Assert.IsTrue(Mpu6886.IsFifoOverflow(0x10));
            Assert.IsFalse(Mpu6886.IsFifoOverflow(0x01));
        }

        [TestMethod]
        [DataRow(0x40, 0x00, 16384)]
        [DataRow(0xC0, 0x00, -16384)]
        [DataRow(0xFF, 0xFF, -1)]
        [DataRow(0x7F, 0xFF, 32767)]
        public void WordsAreBigEndianTwosComplement(int high, int low, int expected)
        {
            Assert.AreEqual(expected, Mpu6886.DecodeWord(new byte[] { (byte)high, (byte)low }, 0));
        }

        [TestMethod]
        public void TemperatureIs25CAtZero()
        {
            Assert.AreEqual(25f, Mpu6886.TemperatureC(0));
            Assert.IsTrue(Math.Abs(Mpu6886.TemperatureC(3268) - 35f) < 1e-3f);
        }

        [TestMethod]
        public void FifoFramesAreAccelerationThenTemperature()
        {
            // two frames at ±2 g: (1 g, -1 g, 0.5 g, temp) and (0, 0, 1 g, temp), plus 3 stray bytes of a third
            var raw = new byte[]
            {
                0x40, 0x00, 0xC0, 0x00, 0x20, 0x00, 0x0C, 0xC4,
                0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x0C, 0xC4,
                0x12, 0x34, 0x56,
            };
            var x = new float[3];
            var y = new float[3];
            var z = new float[3];
            float scale = Gravity.MetresPerSecondSquaredPerLsb(Mpu6886.LsbPerG(2));

            int frames = Mpu6886.DecodeFifo(raw, 0, raw.Length, scale, x, y, z, 1, 8);

            Assert.AreEqual(2, frames);
            Assert.IsTrue(Math.Abs(x[1] - 9.80665f) < 1e-4f);
            Assert.IsTrue(Math.Abs(y[1] + 9.80665f) < 1e-4f);
            Assert.IsTrue(Math.Abs(z[1] - 4.903325f) < 1e-4f);
            Assert.IsTrue(Math.Abs(z[2] - 9.80665f) < 1e-4f);
            Assert.AreEqual(0f, x[0]);
            Assert.AreEqual(1, Mpu6886.DecodeFifo(raw, 0, raw.Length, scale, x, y, z, 0, 1));
        }
    }
}
